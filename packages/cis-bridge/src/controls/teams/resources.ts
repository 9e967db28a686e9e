import type { RestResourceSpec } from '../service-resource-spec.js';

// The Teams admin API (the service behind the MicrosoftTeams module's Cs cmdlets): each resource is
// one configuration's Global (org-wide default) instance, the one CIS's audit procedures read with
// `Get-Cs... -Identity Global`, from /Skype.Policy/configurations/{PolicyName}/configuration/Global.

const global = (policyName: string): RestResourceSpec => ({
  service: 'teams',
  path: `/Skype.Policy/configurations/${policyName}/configuration/Global`,
  kind: 'get',
});

/** What this service's controls read, by the key they name. */
export const teamsResources = {
  /** Get-CsTeamsMeetingPolicy -Identity Global: lobby, anonymous users, chat, presenters, recording (CIS 8.5.x). */
  teamsMeetingPolicy: global('TeamsMeetingPolicy'),
  /** Get-CsTenantFederationConfiguration: external access and unmanaged Teams users (CIS 8.2.x). */
  teamsFederationConfiguration: global('TenantFederationSettings'),
  /** Get-CsTeamsClientConfiguration -Identity Global: cloud storage and channel email (CIS 8.1.x). */
  teamsClientConfiguration: global('TeamsClientConfiguration'),
  /** Get-CsTeamsMessagingPolicy -Identity Global: security reporting (CIS 8.6.1). */
  teamsMessagingPolicy: global('TeamsMessagingPolicy'),
  /** Get-CsTeamsAppPermissionPolicy -Identity Global: Microsoft, third-party and custom apps (CIS 8.4.1). */
  teamsAppPermissionPolicy: global('TeamsAppPermissionPolicy'),
} as const satisfies Record<string, RestResourceSpec>;
