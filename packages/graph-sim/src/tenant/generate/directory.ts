// The directory part of the large-tenant generator, for benchmarks and scale tests: the Contoso
// demo directory (its policies, roles, apps and planted findings stay, so a large audit still has
// something to find) grown to `users` users with departments, groups, licences, sign-in activity,
// MFA registration and some risk. Deterministic: the same options give the same directory.
import { createHash } from 'node:crypto';
import { demoGroupIds } from '../demo/directory/groups.js';
import { daysAgo, stableId } from '../demo/directory/ids.js';
import { demoSubscribedSkus } from '../demo/directory/organization.js';
import { registrationDetails } from '../demo/directory/registration.js';
import type { RegisteredMethod } from '../demo/directory/users.js';
import { skuIds } from '../demo/directory/wellKnown.js';
import { adminUserIds, demoDirectory } from '../demo/directory.js';
import type { DirectoryData, GraphGroup, GraphUser } from '../directory.js';

export interface GenerateDirectoryOptions {
  /** Total users, the demo's named people included (at least that many). Default 20,000. */
  users?: number;
  /** Any string or number; the same seed gives the same directory. Default 'contoso'. */
  seed?: string | number;
  /** "Now" for every date; default the current time. */
  now?: Date;
  /** Users per generated Microsoft 365 group. Default 250. */
  usersPerGroup?: number;
}

/** mulberry32: a small, fast, well-distributed PRNG; seeded from a hash of the seed. */
function randomFrom(seed: string): () => number {
  let state = createHash('sha256').update(seed).digest().readUInt32LE(0);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const FIRST = [
  'Ava',
  'Ben',
  'Chloe',
  'Dev',
  'Elena',
  'Farid',
  'Grace',
  'Hiro',
  'Ines',
  'Jonas',
  'Kemi',
  'Liam',
  'Maya',
  'Noor',
  'Omar',
  'Priya',
  'Quinn',
  'Rosa',
  'Sven',
  'Tara',
  'Umar',
  'Vera',
  'Wei',
  'Xena',
  'Yusuf',
  'Zoe',
];
const LAST = [
  'Andersen',
  'Brooks',
  'Costa',
  'Dubois',
  'Evans',
  'Fischer',
  'Garcia',
  'Hughes',
  'Ito',
  'Jensen',
  'Khan',
  'Larsen',
  'Moreau',
  'Nakamura',
  'Okafor',
  'Petrov',
  'Quint',
  'Rossi',
  'Silva',
  'Tanaka',
  'Usman',
  'Varga',
  'Weber',
  'Xu',
  'Young',
  'Zimmer',
];
const DEPARTMENTS = [
  'Sales',
  'Marketing',
  'Finance',
  'Research',
  'Operations',
  'Support',
  'Legal',
  'HR',
  'IT',
  'Manufacturing',
];
const METHOD_MIXES: readonly (readonly RegisteredMethod[])[] = [
  ['microsoftAuthenticatorPush'],
  ['microsoftAuthenticatorPush'],
  ['microsoftAuthenticatorPush', 'mobilePhone'],
  ['microsoftAuthenticatorPasswordless', 'fido2'],
  ['windowsHelloForBusiness', 'microsoftAuthenticatorPush'],
  ['mobilePhone'],
  ['softwareOneTimePasscode'],
  [],
];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

export function generateDirectory(options: GenerateDirectoryOptions = {}): DirectoryData {
  const now = options.now ?? new Date();
  const seed = String(options.seed ?? 'contoso');
  const random = randomFrom(seed);
  const directory = demoDirectory(now);
  const target = Math.max(options.users ?? 20_000, directory.users.length);
  const usersPerGroup = Math.max(1, options.usersPerGroup ?? 250);

  const generated: { user: GraphUser; methods: readonly RegisteredMethod[] }[] = [];
  for (let i = directory.users.length; i < target; i++) {
    const given = pick(random, FIRST);
    const surname = pick(random, LAST);
    const guest = random() < 0.08;
    const department = guest ? null : pick(random, DEPARTMENTS);
    const createdDaysAgo = Math.floor(random() * 1500) + 1;
    const roll = random();
    // ~3% never signed in, ~10% stale (over 90 days), the rest active within the month.
    const lastSignInDaysAgo =
      roll < 0.03 ? null : roll < 0.13 ? 90 + random() * 300 : random() * Math.min(30, createdDaysAgo);
    const nickname = `${given}.${surname}${i}`.toLowerCase();
    const upn = guest
      ? `${nickname}_partner.example#EXT#@contoso.onmicrosoft.com`
      : `${nickname}@contoso.com`;
    const id = stableId(`${seed}/user/${i}`);
    const enabled = random() >= 0.05;
    const licensed = !guest && (enabled || random() < 0.5);
    const last =
      lastSignInDaysAgo === null ? null : daysAgo(now, Math.min(lastSignInDaysAgo, createdDaysAgo));
    generated.push({
      methods: guest ? [] : pick(random, METHOD_MIXES),
      user: {
        id,
        businessPhones: [],
        displayName: `${given} ${surname}`,
        givenName: given,
        jobTitle: department ? `${department} specialist` : null,
        mail: guest ? `${nickname}@partner.example` : upn,
        mobilePhone: null,
        officeLocation: null,
        preferredLanguage: 'en-US',
        surname,
        userPrincipalName: upn,
        accountEnabled: enabled,
        assignedLicenses: licensed ? [{ disabledPlans: [], skuId: skuIds.microsoft365E5 }] : [],
        companyName: guest ? null : 'Contoso',
        createdDateTime: daysAgo(now, createdDaysAgo),
        creationType: guest ? 'Invitation' : null,
        department,
        externalUserState: guest ? 'Accepted' : null,
        mailNickname: nickname,
        onPremisesImmutableId: null,
        onPremisesSyncEnabled: !guest && random() < 0.3 ? true : null,
        usageLocation: guest ? null : 'US',
        userType: guest ? 'Guest' : 'Member',
        signInActivity:
          last === null
            ? null
            : {
                lastSignInDateTime: last,
                lastSignInRequestId: stableId(`${seed}/signin/${i}`),
                lastNonInteractiveSignInDateTime: null,
                lastNonInteractiveSignInRequestId: null,
                lastSuccessfulSignInDateTime: last,
                lastSuccessfulSignInRequestId: stableId(`${seed}/signin/${i}`),
              },
      },
    });
  }

  directory.users.push(...generated.map((g) => g.user));

  // One Microsoft 365 group per `usersPerGroup` members, by department, plus All Staff recomputed.
  const byDepartment = new Map<string, string[]>();
  for (const { user } of generated) {
    const department = user.department;
    if (typeof department !== 'string') continue;
    const list = byDepartment.get(department) ?? [];
    list.push(user.id);
    byDepartment.set(department, list);
  }
  const sorted = [...byDepartment.entries()].sort(([a], [b]) => a.localeCompare(b));
  for (const [department, members] of sorted) {
    for (let start = 0, n = 1; start < members.length; start += usersPerGroup, n++) {
      const id = stableId(`${seed}/group/${department}/${n}`);
      const name = `${department} ${n}`;
      const nickname = name.replace(/[^A-Za-z0-9]/g, '');
      const group: GraphGroup = {
        id,
        deletedDateTime: null,
        createdDateTime: daysAgo(now, 30 + Math.floor(random() * 900)),
        description: `${department} team ${n}`,
        displayName: name,
        groupTypes: ['Unified'],
        isAssignableToRole: null,
        mail: `${nickname}@contoso.com`,
        mailEnabled: true,
        mailNickname: nickname,
        membershipRule: null,
        membershipRuleProcessingState: null,
        securityEnabled: false,
        visibility: random() < 0.3 ? 'Public' : 'Private',
      };
      directory.groups.push(group);
      directory.groupMembers[id] = members.slice(start, start + usersPerGroup);
    }
  }
  directory.groupMembers[demoGroupIds.allStaff] = directory.users
    .filter((u) => u.userType === 'Member' && u.accountEnabled)
    .map((u) => u.id);

  const admins = adminUserIds(directory);
  for (const { user, methods } of generated) {
    directory.userRegistrationDetails.push(
      registrationDetails({
        id: user.id,
        userPrincipalName: user.userPrincipalName,
        displayName: user.displayName,
        userType: user.userType,
        isAdmin: admins.has(user.id),
        methods,
        lastUpdatedDateTime: daysAgo(now, 1),
      }),
    );
    // About one user in 200 carries some risk.
    if (random() < 0.005) {
      const level = random() < 0.2 ? 'high' : random() < 0.5 ? 'medium' : 'low';
      directory.riskyUsers.push({
        id: user.id,
        isDeleted: false,
        isProcessing: false,
        riskLastUpdatedDateTime: daysAgo(now, random() * 60),
        riskLevel: level,
        riskState: 'atRisk',
        riskDetail: 'none',
        userDisplayName: user.displayName,
        userPrincipalName: user.userPrincipalName,
      });
    }
  }

  directory.subscribedSkus = demoSubscribedSkus(directory.users);
  const quota = directory.organization.directorySizeQuota as { used: number; total: number } | undefined;
  directory.organization.directorySizeQuota = {
    used: directory.users.length + directory.groups.length,
    total: Math.max(quota?.total ?? 50_000, 300_000),
  };
  return directory;
}
