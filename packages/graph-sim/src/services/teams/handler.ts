import type { TeamsConfigurationName, TeamsData } from '../../tenant/teams.js';
import type { RestHandler, RestResult } from '../service-handler.js';

// The Teams admin API's read surface (the service behind the MicrosoftTeams module's Cs cmdlets):
//   GET /Skype.Policy/configurations/{PolicyName}                          every instance, a JSON array
//   GET /Skype.Policy/configurations/{PolicyName}/configuration/{Identity}  one instance, an object
// PolicyName is the service's name (TenantFederationSettings for Get-CsTenantFederationConfiguration);
// names and identities match whatever their case, as clients send "global" and "Global" alike. The
// simulator is read-only: other methods answer 405.

const PREFIX = '/Skype.Policy/configurations/';

function error(status: number, code: string, message: string): RestResult {
  return { status, body: { error: { code, message } } };
}

function notFound(path: string): RestResult {
  return error(404, 'NotFound', `No resource at ${path}.`);
}

function segment(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

function configurationName(teams: TeamsData, name: string): TeamsConfigurationName | undefined {
  const wanted = name.toLowerCase();
  return (Object.keys(teams) as TeamsConfigurationName[]).find((key) => key.toLowerCase() === wanted);
}

export const teamsHandler: RestHandler = ({ method, path, tenant }) => {
  if (!path.startsWith(PREFIX)) return notFound(path);
  const parts = path.slice(PREFIX.length).replace(/\/$/, '').split('/').map(segment);
  const [name, configuration, identity] = parts;
  const shapeOk =
    name !== undefined &&
    (parts.length === 1 || (parts.length === 3 && configuration === 'configuration' && identity));
  const policyName = shapeOk ? configurationName(tenant.teams, name) : undefined;
  if (!policyName) return notFound(path);
  if (method !== 'GET') {
    return error(405, 'MethodNotAllowed', `${method} is not supported on ${path} by this simulator.`);
  }
  const instances = tenant.teams[policyName] as readonly { Identity: string }[];
  if (parts.length === 1) return { status: 200, body: structuredClone(instances) };
  const wanted = (identity as string).toLowerCase();
  const instance = instances.find((i) => i.Identity.toLowerCase() === wanted);
  if (!instance) {
    return error(404, 'NotFound', `No ${policyName} instance has the Identity '${identity}'.`);
  }
  return { status: 200, body: structuredClone(instance) };
};
