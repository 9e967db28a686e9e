// What "enforced for all users" really takes. Report-only beside an enforced policy: only the
// enforced one meets the requirement, and the trial neither hides it nor is a gap. "All users" with
// a condition (some client apps, platforms, locations, a risk level) or an exclusion (a group of
// ordinary users, a role, the guests) is not all users; excluding only the break-glass accounts
// (directly or through a group of only them) or the directory sync accounts role still is.
import { demoConditionalAccessIds, demoGroupIds } from '@m365-mcp/graph-sim';
import { describe, expect, it } from 'vitest';
import { findingWith, problemsWith, scenarioServer } from './scenario-server.js';
import {
  addPolicyLike,
  cleanTenant,
  conditionsOf,
  DIRECTORY_SYNC_ROLE,
  type Json,
  mfaAllUsers,
  policy,
  roles,
  usersOf,
} from './tenant-builder.js';

const run = scenarioServer();
const CA002 = 'CA002: Require multifactor authentication for all users';

/** The clean tenant with its all-users MFA policy changed; the review of it. */
async function reviewWith(edit: (p: Json) => void) {
  const t = cleanTenant();
  edit(mfaAllUsers(t));
  return run(t, 'review_conditional_access');
}

describe('a report-only policy beside an enforced one', () => {
  it('report-only alone never meets the requirement', async () => {
    const result = await reviewWith((p) => {
      p.state = 'enabledForReportingButNotEnforced';
    });
    expect(problemsWith(result, 'identity.ca.mfa_all_users')[0]?.evidence).toMatchObject({
      enforcedBy: [],
      notEnforced: [`${CA002} [enabledForReportingButNotEnforced]`],
    });
  });

  it('beside the enforced policy: the enforced one passes, the trial is listed, no warning', async () => {
    const t = cleanTenant();
    addPolicyLike(
      t,
      'c0ffee00-0000-4000-8000-000000000006',
      'CA006: Phishing-resistant MFA (trial)',
      'enabledForReportingButNotEnforced',
      (p) => {
        p.grantControls = {
          operator: 'OR',
          builtInControls: [],
          customAuthenticationFactors: [],
          termsOfUse: [],
          authenticationStrength: { id: '00000000-0000-0000-0000-000000000004' },
        };
      },
    );
    const result = await run(t, 'review_conditional_access');
    expect(findingWith(result, 'identity.ca.mfa_all_users')).toMatchObject({
      status: 'pass',
      evidence: {
        enforcedBy: [`${CA002} [enabled]`],
        notEnforced: ['CA006: Phishing-resistant MFA (trial) [enabledForReportingButNotEnforced]'],
      },
    });
    expect(problemsWith(result, 'identity.ca.policy_not_enforced')).toEqual([]);
  });

  it('a report-only policy that would close a gap nobody closes is still a warning', async () => {
    const t = cleanTenant();
    mfaAllUsers(t).state = 'enabledForReportingButNotEnforced';
    const result = await run(t, 'review_conditional_access');
    expect(problemsWith(result, 'identity.ca.policy_not_enforced').map((f) => f.resource.id)).toEqual([
      demoConditionalAccessIds.mfaAllUsers,
    ]);
  });
});

describe('"all users" narrowed by a condition is not all users', () => {
  const narrowed: [string, (p: Json) => void, string][] = [
    [
      'browser only',
      (p) => {
        conditionsOf(p).clientAppTypes = ['browser'];
      },
      'only for client apps browser',
    ],
    [
      'mobile platforms only',
      (p) => {
        conditionsOf(p).platforms = { includePlatforms: ['android', 'iOS'], excludePlatforms: [] };
      },
      'only for some device platforms',
    ],
    [
      'outside trusted locations only',
      (p) => {
        conditionsOf(p).locations = { includeLocations: ['All'], excludeLocations: ['AllTrusted'] };
      },
      'only for some locations',
    ],
    [
      'at high sign-in risk only',
      (p) => {
        conditionsOf(p).signInRiskLevels = ['high'];
      },
      'only at some sign-in risk',
    ],
  ];

  it.each(narrowed)('%s: fails, naming the gap', async (_name, edit, gap) => {
    const result = await reviewWith(edit);
    // The risk policies are listed too: they also require MFA of all users, but only at some risk.
    expect(problemsWith(result, 'identity.ca.mfa_all_users')[0]?.evidence.enforcedWithGaps).toContain(
      `${CA002} [enabled]: ${gap}`,
    );
  });

  it('fixed: browser plus mobile and desktop clients is every client that can do MFA', async () => {
    const result = await reviewWith((p) => {
      conditionsOf(p).clientAppTypes = ['browser', 'mobileAppsAndDesktopClients'];
    });
    expect(findingWith(result, 'identity.ca.mfa_all_users')?.status).toBe('pass');
  });

  it('fixed: every platform and every location, as the portal writes them, narrow nothing', async () => {
    const result = await reviewWith((p) => {
      conditionsOf(p).platforms = { includePlatforms: ['all'], excludePlatforms: [] };
      conditionsOf(p).locations = { includeLocations: ['All'], excludeLocations: [] };
    });
    expect(findingWith(result, 'identity.ca.mfa_all_users')?.status).toBe('pass');
  });
});

describe('exclusions from "all users"', () => {
  it('a group of ordinary users breaks coverage and is a broad exclusion', async () => {
    const result = await reviewWith((p) => {
      usersOf(p).excludeGroups = [demoGroupIds.sales];
    });
    expect(problemsWith(result, 'identity.ca.mfa_all_users')[0]?.evidence.enforcedWithGaps).toContain(
      `${CA002} [enabled]: excludes group ${demoGroupIds.sales} (members besides break-glass)`,
    );
    expect(problemsWith(result, 'identity.ca.broad_exclusion')[0]?.resource.id).toBe(
      demoConditionalAccessIds.mfaAllUsers,
    );
  });

  it('fixed: a group holding only the break-glass accounts is their exclusion, not a gap', async () => {
    const result = await reviewWith((p) => {
      usersOf(p).excludeUsers = [];
      usersOf(p).excludeGroups = [demoGroupIds.breakGlass];
    });
    expect(findingWith(result, 'identity.ca.mfa_all_users')?.status).toBe('pass');
    expect(problemsWith(result, 'identity.ca.broad_exclusion')).toEqual([]);
    // The break-glass accounts count as excluded through the group.
    expect(findingWith(result, 'identity.ca.break_glass_excluded')?.status).toBe('pass');
  });

  it('an excluded role breaks coverage (its holders escape MFA)', async () => {
    const result = await reviewWith((p) => {
      usersOf(p).excludeRoles = [roles.globalAdministrator];
    });
    expect(problemsWith(result, 'identity.ca.mfa_all_users')[0]?.evidence.enforcedWithGaps).toContain(
      `${CA002} [enabled]: excludes role Global Administrator`,
    );
    expect(problemsWith(result, 'identity.ca.broad_exclusion')).toHaveLength(1);
  });

  it('fixed: the Directory Synchronization Accounts role (Entra Connect cannot do MFA) is no gap', async () => {
    const result = await reviewWith((p) => {
      usersOf(p).excludeRoles = [DIRECTORY_SYNC_ROLE];
    });
    expect(findingWith(result, 'identity.ca.mfa_all_users')?.status).toBe('pass');
    expect(problemsWith(result, 'identity.ca.broad_exclusion')).toEqual([]);
  });

  it('excluding guests and external users breaks coverage', async () => {
    const result = await reviewWith((p) => {
      usersOf(p).excludeGuestsOrExternalUsers = {
        guestOrExternalUserTypes: 'internalGuest,b2bCollaborationGuest',
        externalTenants: {
          '@odata.type': '#microsoft.graph.conditionalAccessAllExternalTenants',
          membershipKind: 'all',
        },
      };
    });
    expect(problemsWith(result, 'identity.ca.mfa_all_users')[0]?.evidence.enforcedWithGaps).toContain(
      `${CA002} [enabled]: excludes guests or external users (internalGuest,b2bCollaborationGuest)`,
    );
  });

  it('an admin MFA policy excluding a group of admins misses them; fixed without it', async () => {
    const t = cleanTenant();
    // Only the admin policy may meet the admin requirement: the all-users one goes to report-only.
    mfaAllUsers(t).state = 'enabledForReportingButNotEnforced';
    const admins = policy(t, demoConditionalAccessIds.mfaAdmins);
    usersOf(admins).excludeGroups = [demoGroupIds.tier0Admins];
    const failing = await run(t, 'review_conditional_access');
    expect(problemsWith(failing, 'identity.ca.mfa_admins')[0]?.evidence.enforcedWithGaps).toContain(
      `CA001: Require multifactor authentication for admins [enabled]: excludes group ${demoGroupIds.tier0Admins} (members besides break-glass)`,
    );
    usersOf(admins).excludeGroups = [];
    const fixed = await run(t, 'review_conditional_access');
    expect(findingWith(fixed, 'identity.ca.mfa_admins')?.status).toBe('pass');
  });
});
