// Graph throttles per service, not per app as a whole (learn.microsoft.com/graph/throttling-limits).
// Each workload below has its own budget there, so each gets its own lane in the scheduler. The
// admin APIs beyond Graph (services/) throttle on their own budgets too: one lane each.

/** A Graph workload, by the path it serves. */
export type GraphWorkload =
  | 'directory'
  | 'identityProtection'
  | 'reports'
  | 'security'
  | 'sharepoint'
  | 'other';

/** An admin API beyond Graph (see services/admin-service.ts), each throttled on its own. */
export type AdminWorkload = 'exchange' | 'compliance' | 'teamsAdmin' | 'fabricAdmin' | 'sharepointAdmin';

export type Workload = GraphWorkload | AdminWorkload;

export const WORKLOADS: readonly Workload[] = [
  'directory',
  'identityProtection',
  'reports',
  'security',
  'sharepoint',
  'other',
  'exchange',
  'compliance',
  'teamsAdmin',
  'fabricAdmin',
  'sharepointAdmin',
];

const IDENTITY_PROTECTION = [/^\/identityprotection(\/|$)/, /^\/identity\/conditionalaccess(\/|$)/];
const REPORTS = [/^\/auditlogs(\/|$)/, /^\/reports(\/|$)/];
const SECURITY = [/^\/security(\/|$)/];
const SHAREPOINT = [
  /^\/sites(\/|$|\?)/,
  /^\/drives?(\/|$)/,
  /^\/shares(\/|$)/,
  /^\/admin\/sharepoint(\/|$)/,
  /^\/(users|groups)\/[^/]+\/drives?(\/|$)/,
  /^\/me\/drives?(\/|$)/,
];
const DIRECTORY = [
  /^\/(users|groups|me|devices|contacts|applications|serviceprincipals|directoryroles|directoryroletemplates)(\/|$|\()/,
  /^\/(directory|directoryobjects|rolemanagement|policies|organization|domains|subscribedskus)(\/|$)/,
  /^\/(oauth2permissiongrants|identity|identitygovernance|invitations|administrativeunits)(\/|$)/,
  /^\/(groupsettings|groupsettingtemplates|authenticationmethodspolicy|tenantrelationships)(\/|$)/,
];

/**
 * The throttling workload of a Graph path relative to the version (`/identityProtection/riskyUsers`).
 * A full URL or a path with the version is accepted too; the query is ignored.
 */
export function workloadOf(path: string): GraphWorkload {
  const normalised = normalisePath(path);
  if (IDENTITY_PROTECTION.some((re) => re.test(normalised))) return 'identityProtection';
  if (REPORTS.some((re) => re.test(normalised))) return 'reports';
  if (SECURITY.some((re) => re.test(normalised))) return 'security';
  if (SHAREPOINT.some((re) => re.test(normalised))) return 'sharepoint';
  if (DIRECTORY.some((re) => re.test(normalised))) return 'directory';
  return 'other';
}

function normalisePath(path: string): string {
  let rest = path.trim();
  const schemeEnd = rest.indexOf('://');
  if (schemeEnd !== -1) {
    const pathStart = rest.indexOf('/', schemeEnd + 3);
    rest = pathStart === -1 ? '/' : rest.slice(pathStart);
  }
  const queryStart = rest.search(/[?#]/);
  if (queryStart !== -1) rest = rest.slice(0, queryStart);
  rest = rest.toLowerCase();
  if (!rest.startsWith('/')) rest = `/${rest}`;
  return rest.replace(/^\/(v1\.0|beta)(?=\/|$)/, '') || '/';
}
