import { directoryRoleTemplateIds } from '@m365-mcp/graph-core';
import { fail, graph, verdict } from './define.js';
import { privilegedByState, privilegedMembers } from './privileged.js';
import { THIRD_PARTY_STORAGE_APP_ID } from './resources.js';
import { type Control, cis, cisa, mitre } from './types.js';
import { at, items, str, strings } from './values.js';

// CIS section 1: Microsoft 365 admin center (accounts, groups, org settings).

const PRODUCTIVITY_PLANS = ['EXCHANGE_S_', 'SHAREPOINT', 'TEAMS1', 'MCOSTANDARD', 'OFFICESUBSCRIPTION'];

export const section1: Control[] = [
  graph({
    id: 'CIS.M365.1.1.1',
    title: 'Ensure Administrative accounts are cloud-only',
    section: '1.1',
    level: 'L1',
    profile: 'E3',
    severity: 'high',
    references: [cis('1.1.1'), cisa('MS.AAD.7.3v1'), mitre('T1078.004')],
    resources: ['roleAssignments', 'users'],
    optional: ['roleEligibilities'],
    remediation:
      'Give each administrator a separate cloud-only account (no on-premises sync) and remove roles from synchronised accounts.',
    evaluate(ctx) {
      const synced = new Set(
        items(ctx.get('users'))
          .filter((u) => u.onPremisesSyncEnabled === true)
          .map((u) => str(u.id)),
      );
      const members = privilegedByState(ctx, ctx.optional('roleEligibilities'));
      const offenders = members.enabled.filter((m) => synced.has(m.userId));
      return verdict(offenders.length === 0, {
        privilegedUsers: members.enabled.length,
        synchronisedAdmins: offenders.map((m) => m.userPrincipalName ?? m.userId),
        // A disabled account cannot sign in: not counted, but named.
        disabledAdminsNotCounted: members.disabled.map((m) => m.userPrincipalName ?? m.userId),
      });
    },
  }),
  graph({
    id: 'CIS.M365.1.1.2',
    title: 'Ensure two emergency access accounts have been defined',
    section: '1.1',
    level: 'L1',
    profile: 'E3',
    severity: 'high',
    references: [cis('1.1.2')],
    resources: ['users', 'roleAssignments'],
    optional: ['roleEligibilities'],
    remediation:
      'Create two cloud-only emergency access accounts holding Global Administrator, exclude them from conditional access, and list them in the server config (breakGlassAccounts).',
    evaluate(ctx) {
      const configured = ctx.exceptions.breakGlassAccounts;
      if (configured.length === 0) {
        return {
          status: 'manual',
          evidence: { configuredBreakGlassAccounts: 0, note: 'No break-glass accounts are configured.' },
        };
      }
      const users = items(ctx.get('users'));
      const admins = new Set(
        privilegedMembers(ctx, ctx.optional('roleEligibilities'), [
          directoryRoleTemplateIds.globalAdministrator,
        ]).map((m) => m.userId),
      );
      const accounts = configured.map((key) => {
        const user = users.find((u) => u.id === key || u.userPrincipalName === key);
        return {
          account: key,
          found: user !== undefined,
          enabled: user?.accountEnabled === true,
          cloudOnly: user !== undefined && user.onPremisesSyncEnabled !== true,
          globalAdmin: user !== undefined && admins.has(str(user.id) ?? ''),
        };
      });
      const healthy = accounts.filter((a) => a.found && a.enabled && a.cloudOnly && a.globalAdmin);
      return verdict(healthy.length >= 2, { accounts, healthyAccounts: healthy.length, required: 2 });
    },
  }),
  graph({
    id: 'CIS.M365.1.1.3',
    title: 'Ensure that between two and four global admins are designated',
    section: '1.1',
    level: 'L1',
    profile: 'E3',
    severity: 'high',
    references: [cis('1.1.3'), cisa('MS.AAD.7.1v1'), mitre('T1078.004')],
    resources: ['roleAssignments'],
    optional: ['roleEligibilities', 'users'],
    remediation:
      'Keep between two and four Global Administrators; use finer-grained roles for everyone else.',
    evaluate(ctx) {
      // Disabled accounts are not counted: they can neither be attacked nor rescue the tenant.
      const admins = privilegedByState(ctx, ctx.optional('roleEligibilities'), [
        directoryRoleTemplateIds.globalAdministrator,
      ]);
      const count = admins.enabled.length;
      return verdict(count >= 2 && count <= 4, {
        globalAdmins: count,
        expected: '2 to 4',
        accounts: admins.enabled.map((a) => a.userPrincipalName ?? a.userId),
        disabledGlobalAdmins: admins.disabled.map((a) => a.userPrincipalName ?? a.userId),
      });
    },
  }),
  graph({
    id: 'CIS.M365.1.1.4',
    title: 'Ensure administrative accounts use licenses with a reduced application footprint',
    section: '1.1',
    level: 'L1',
    profile: 'E3',
    severity: 'medium',
    references: [cis('1.1.4')],
    resources: ['roleAssignments', 'users', 'subscribedSkus'],
    optional: ['roleEligibilities'],
    remediation:
      'License admin accounts with Entra ID P1/P2 only (no mailbox, SharePoint or Teams plans), so phishing and browsing happen on the user account.',
    evaluate(ctx) {
      const productivitySkus = new Set(
        items(ctx.get('subscribedSkus'))
          .filter((sku) =>
            items(sku.servicePlans).some((plan) =>
              PRODUCTIVITY_PLANS.some((p) => (str(plan.servicePlanName) ?? '').startsWith(p)),
            ),
          )
          .map((sku) => str(sku.skuId)),
      );
      const users = new Map(items(ctx.get('users')).map((u) => [str(u.id), u]));
      // A licence on a disabled admin is a cost, not an attack surface: only enabled admins count.
      const offenders = privilegedByState(ctx, ctx.optional('roleEligibilities')).enabled.filter((m) =>
        items(users.get(m.userId)?.assignedLicenses).some((l) => productivitySkus.has(str(l.skuId))),
      );
      return verdict(offenders.length === 0, {
        adminsWithProductivityLicences: offenders.map((m) => m.userPrincipalName ?? m.userId),
      });
    },
  }),
  graph({
    id: 'CIS.M365.1.2.1',
    title: 'Ensure that only organizationally managed/approved public groups exist',
    section: '1.2',
    level: 'L2',
    profile: 'E3',
    severity: 'medium',
    references: [cis('1.2.1')],
    resources: ['groups'],
    remediation:
      'Make Microsoft 365 groups private unless approved; list approved public groups in the server config (approvedPublicGroups).',
    evaluate(ctx) {
      const publicGroups = items(ctx.get('groups')).filter(
        (g) => strings(g.groupTypes).includes('Unified') && g.visibility === 'Public',
      );
      const unapproved = publicGroups.filter(
        (g) => !ctx.exceptions.approvedPublicGroups.includes(str(g.id) ?? ''),
      );
      return verdict(unapproved.length === 0, {
        publicGroups: publicGroups.length,
        unapprovedPublicGroups: unapproved.map((g) => ({ id: str(g.id), displayName: str(g.displayName) })),
      });
    },
  }),
  graph({
    id: 'CIS.M365.1.3.1',
    title: "Ensure the 'Password expiration policy' is set to 'Set passwords to never expire'",
    section: '1.3',
    level: 'L1',
    profile: 'E3',
    severity: 'low',
    references: [cis('1.3.1'), cisa('MS.AAD.6.1v1')],
    resources: ['domains'],
    remediation:
      'Set passwords to never expire for every verified managed domain (Settings > Org settings > Security & privacy > Password expiration policy).',
    evaluate(ctx) {
      const managed = items(ctx.get('domains')).filter(
        (d) => d.isVerified === true && d.authenticationType === 'Managed',
      );
      const expiring = managed.filter((d) => d.passwordValidityPeriodInDays !== 2147483647);
      return verdict(expiring.length === 0, {
        managedDomains: managed.length,
        domainsWithExpiry: expiring.map((d) => ({
          id: str(d.id),
          days: d.passwordValidityPeriodInDays ?? null,
        })),
      });
    },
  }),
  graph({
    id: 'CIS.M365.1.3.4',
    title: "Ensure 'User owned apps and services' is restricted",
    section: '1.3',
    level: 'L1',
    profile: 'E3',
    severity: 'low',
    references: [cis('1.3.4')],
    resources: ['appsAndServices'],
    remediation:
      'Turn off the Office Store and app/service trials for users (Org settings > User owned apps and services).',
    evaluate(ctx) {
      const s = ctx.get('appsAndServices');
      const store = at(s, 'isOfficeStoreEnabled') ?? null;
      const trials = at(s, 'isAppAndServicesTrialEnabled') ?? null;
      return verdict(store === false && trials === false, {
        isOfficeStoreEnabled: store as boolean | null,
        isAppAndServicesTrialEnabled: trials as boolean | null,
        expected: false,
      });
    },
  }),
  graph({
    id: 'CIS.M365.1.3.5',
    title: 'Ensure internal phishing protection for Forms is enabled',
    section: '1.3',
    level: 'L1',
    profile: 'E3',
    severity: 'medium',
    references: [cis('1.3.5'), mitre('T1566')],
    resources: ['formsSettings'],
    remediation: 'Turn on internal phishing protection (Org settings > Microsoft Forms).',
    evaluate(ctx) {
      const value = at(ctx.get('formsSettings'), 'isInOrgFormsPhishingScanEnabled') ?? null;
      return verdict(value === true, {
        isInOrgFormsPhishingScanEnabled: value as boolean | null,
        expected: true,
      });
    },
  }),
  graph({
    id: 'CIS.M365.1.3.7',
    title: "Ensure 'third-party storage services' are restricted in 'Microsoft 365 on the web'",
    section: '1.3',
    level: 'L2',
    profile: 'E3',
    severity: 'medium',
    references: [cis('1.3.7'), mitre('T1567')],
    resources: ['thirdPartyStorage'],
    remediation:
      "Turn off 'Let users open files stored in third-party storage services' (Org settings > Microsoft 365 on the web); this disables the service principal of app c1f33bc0-….",
    evaluate(ctx) {
      const sp = items(ctx.get('thirdPartyStorage')).find((s) => s.appId === THIRD_PARTY_STORAGE_APP_ID);
      if (!sp)
        return fail({
          servicePrincipalExists: false,
          note: 'A missing service principal means the setting is on (Maester).',
        });
      return verdict(sp.accountEnabled === false, {
        servicePrincipalExists: true,
        accountEnabled: sp.accountEnabled === true,
      });
    },
  }),
];
