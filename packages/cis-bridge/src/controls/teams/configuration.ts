// How the Teams controls read a configuration of the Teams admin API: the Global instance, as an
// object (GET .../configuration/Global) or found by its Identity in a list (GET .../{PolicyName}).
// A body that is neither, or a deciding setting the service gave no value for, throws, so the
// control reports an error: never a missing setting read as a pass or a fail.
import type { FindingEvidenceValue } from '@m365-mcp/graph-core';
import type { ResourceKey } from '../resources.js';
import type { EvaluationContext, Outcome } from '../types.js';
import { arr, type Json, obj, str } from '../values.js';

/** A Teams configuration resource with the cmdlet that shows it and how a finding names it. */
export interface TeamsConfigurationSource {
  key: ResourceKey;
  cmdlet: string;
  /** The finding's resource type, e.g. `teamsMeetingPolicy`. */
  type: string;
  /** How the Teams admin centre names the Global instance. */
  displayName: string;
}

export function teamsConfiguration(ctx: EvaluationContext, source: TeamsConfigurationSource): Json {
  const body = ctx.get(source.key);
  const config = Array.isArray(body)
    ? obj(arr(body).find((row) => str(obj(row).Identity)?.toLowerCase() === 'global'))
    : obj(body);
  if (typeof config.Identity !== 'string') {
    throw new Error(
      `${source.cmdlet} over the Teams admin API answered no Global configuration (no object with an Identity).`,
    );
  }
  return config;
}

/** The setting's value; the service leaving it out (absent or null) makes the check an error. */
export function requiredSetting(
  config: Json,
  source: TeamsConfigurationSource,
  name: string,
): FindingEvidenceValue {
  const value = config[name];
  if (value === undefined || value === null) {
    throw new Error(`${source.cmdlet} -Identity ${String(config.Identity)} gave no value for ${name}.`);
  }
  return value as FindingEvidenceValue;
}

/** The finding's resource: the configuration instance that decided it. */
export function configurationResource(config: Json, source: TeamsConfigurationSource): Outcome['resource'] {
  const identity = String(config.Identity);
  return {
    type: source.type,
    id: identity,
    displayName: identity.toLowerCase() === 'global' ? source.displayName : identity,
  };
}

/** Passes when the setting `name` of the Global instance is one of `expected`. */
export function teamsSettingIs(
  source: TeamsConfigurationSource,
  name: string,
  expected: readonly FindingEvidenceValue[],
): (ctx: EvaluationContext) => Outcome {
  return (ctx) => {
    const config = teamsConfiguration(ctx, source);
    const actual = requiredSetting(config, source, name);
    return {
      status: expected.includes(actual) ? 'pass' : 'fail',
      evidence: {
        identity: String(config.Identity),
        [name]: actual,
        expected: expected.length === 1 ? (expected[0] as FindingEvidenceValue) : [...expected],
      },
      resource: configurationResource(config, source),
    };
  };
}

export const meetingPolicy: TeamsConfigurationSource = {
  key: 'teamsMeetingPolicy',
  cmdlet: 'Get-CsTeamsMeetingPolicy',
  type: 'teamsMeetingPolicy',
  displayName: 'Global (Org-wide default) meeting policy',
};
export const federationConfiguration: TeamsConfigurationSource = {
  key: 'teamsFederationConfiguration',
  cmdlet: 'Get-CsTenantFederationConfiguration',
  type: 'teamsFederationConfiguration',
  displayName: 'External access (tenant federation configuration)',
};
export const clientConfiguration: TeamsConfigurationSource = {
  key: 'teamsClientConfiguration',
  cmdlet: 'Get-CsTeamsClientConfiguration',
  type: 'teamsClientConfiguration',
  displayName: 'Teams settings (client configuration)',
};
export const messagingPolicy: TeamsConfigurationSource = {
  key: 'teamsMessagingPolicy',
  cmdlet: 'Get-CsTeamsMessagingPolicy',
  type: 'teamsMessagingPolicy',
  displayName: 'Global (Org-wide default) messaging policy',
};
export const appPermissionPolicy: TeamsConfigurationSource = {
  key: 'teamsAppPermissionPolicy',
  cmdlet: 'Get-CsTeamsAppPermissionPolicy',
  type: 'teamsAppPermissionPolicy',
  displayName: 'Global (Org-wide default) app permission policy',
};
