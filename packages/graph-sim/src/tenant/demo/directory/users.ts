// The demo tenant's users: the named people (../people.ts) plus a few more, with the facts the
// identity checks read (licences, sync, sign-in activity, authentication methods). Sign-in dates
// are relative to `now` so that "stale" stays stale whatever day the demo runs.
import type { GraphUser } from '../../directory.js';
import { type DemoPerson, demoPeople } from '../people.js';
import { daysAgo, hoursAgo, stableId } from './ids.js';
import { skuIds } from './wellKnown.js';

/** People that only the directory area needs; same shape (and the same id stability) as ../people.ts. */
export const directoryPeople = {
  breakglass2: {
    id: stableId('user/breakglass02'),
    displayName: 'Emergency Access 02',
    userPrincipalName: 'breakglass02@contoso.onmicrosoft.com',
  }, // second break-glass Global Administrator, excluded from conditional access
  debra: { id: stableId('user/debra'), displayName: 'Debra Berger', userPrincipalName: 'DebraB@contoso.com' },
  irvin: { id: stableId('user/irvin'), displayName: 'Irvin Sayers', userPrincipalName: 'IrvinS@contoso.com' },
  enrico: {
    id: stableId('user/enrico'),
    displayName: 'Enrico Cattaneo',
    userPrincipalName: 'EnricoC@contoso.com',
  },
  allan: {
    id: stableId('user/allan'),
    displayName: 'Allan Deyoung',
    userPrincipalName: 'AllanD@contoso.com',
  },
  kiran: {
    id: stableId('user/kiran'),
    displayName: 'Kiran Rao',
    userPrincipalName: 'kiran_northwind.com#EXT#@contoso.onmicrosoft.com',
  }, // guest from northwind.com in the Sales group
} as const satisfies Record<string, DemoPerson>;

/** Authentication methods as the registration report names them. */
export type RegisteredMethod =
  | 'microsoftAuthenticatorPush'
  | 'microsoftAuthenticatorPasswordless'
  | 'fido2'
  | 'windowsHelloForBusiness'
  | 'softwareOneTimePasscode'
  | 'mobilePhone'
  | 'email';

export interface DemoUserSpec {
  person: DemoPerson;
  givenName: string;
  surname: string;
  jobTitle: string | null;
  department: string | null;
  userType: 'Member' | 'Guest';
  accountEnabled: boolean;
  createdDaysAgo: number;
  /** Days since the last interactive sign-in; null = never signed in. */
  lastSignInDaysAgo: number | null;
  onPremisesSynced: boolean;
  licensed: boolean;
  methods: RegisteredMethod[];
}

const p = { ...demoPeople, ...directoryPeople };

function spec(
  person: DemoPerson,
  fields: Partial<Omit<DemoUserSpec, 'person'>> & { jobTitle: string | null; department: string | null },
): DemoUserSpec {
  const [givenName = person.displayName, ...rest] = person.displayName.split(' ');
  return {
    person,
    givenName,
    surname: rest.join(' '),
    userType: 'Member',
    accountEnabled: true,
    createdDaysAgo: 900,
    lastSignInDaysAgo: 1,
    onPremisesSynced: false,
    licensed: true,
    methods: ['microsoftAuthenticatorPush'],
    ...fields,
  };
}

export const demoUserSpecs: readonly DemoUserSpec[] = [
  spec(p.megan, {
    jobTitle: 'IT Director',
    department: 'IT',
    lastSignInDaysAgo: 0.1,
    methods: ['microsoftAuthenticatorPush', 'fido2'],
  }),
  spec(p.isaiah, {
    jobTitle: 'Cloud Infrastructure Lead',
    department: 'IT',
    lastSignInDaysAgo: 0.2,
    methods: ['microsoftAuthenticatorPush', 'softwareOneTimePasscode'],
  }),
  spec(p.breakglass, {
    givenName: 'Emergency',
    surname: 'Access 01',
    jobTitle: null,
    department: null,
    createdDaysAgo: 1200,
    lastSignInDaysAgo: 45,
    licensed: false,
    methods: ['fido2'],
  }),
  spec(p.breakglass2, {
    givenName: 'Emergency',
    surname: 'Access 02',
    jobTitle: null,
    department: null,
    createdDaysAgo: 1200,
    lastSignInDaysAgo: 45,
    licensed: false,
    methods: ['fido2'],
  }),
  spec(p.alex, { jobTitle: 'Messaging Administrator', department: 'IT', lastSignInDaysAgo: 2, methods: [] }),
  spec(p.lee, {
    jobTitle: 'Security Analyst',
    department: 'IT',
    lastSignInDaysAgo: 1,
    methods: ['mobilePhone'],
  }),
  spec(p.christie, {
    jobTitle: 'Identity Engineer',
    department: 'IT',
    onPremisesSynced: true,
    methods: ['microsoftAuthenticatorPush', 'mobilePhone'],
  }),
  spec(p.partner, {
    givenName: 'John',
    surname: 'Partner',
    jobTitle: 'Consultant',
    department: null,
    userType: 'Guest',
    createdDaysAgo: 300,
    lastSignInDaysAgo: 10,
    licensed: false,
    methods: ['microsoftAuthenticatorPush'],
  }),
  spec(p.diego, { jobTitle: 'Sales Representative', department: 'Sales', lastSignInDaysAgo: 200 }),
  spec(p.pradeep, {
    jobTitle: 'Financial Analyst',
    department: 'Finance',
    createdDaysAgo: 400,
    lastSignInDaysAgo: null,
    methods: [],
  }),
  spec(p.lynne, {
    jobTitle: 'Marketing Coordinator',
    department: 'Marketing',
    accountEnabled: false,
    lastSignInDaysAgo: 120,
  }),
  spec(p.adele, {
    jobTitle: 'Retail Manager',
    department: 'Sales',
    methods: ['microsoftAuthenticatorPush', 'mobilePhone'],
  }),
  spec(p.grady, {
    jobTitle: 'Identity Operations',
    department: 'IT',
    methods: ['microsoftAuthenticatorPasswordless'],
  }),
  spec(p.henrietta, {
    jobTitle: 'Product Manager',
    department: 'Research',
    lastSignInDaysAgo: 3,
  }),
  spec(p.johanna, {
    jobTitle: 'Engineering Manager',
    department: 'Research',
    onPremisesSynced: true,
    methods: ['windowsHelloForBusiness', 'microsoftAuthenticatorPush'],
  }),
  spec(p.joni, {
    jobTitle: 'Finance Manager',
    department: 'Finance',
    methods: ['microsoftAuthenticatorPush', 'email'],
  }),
  spec(p.lidia, { jobTitle: 'Product Designer', department: 'Research', lastSignInDaysAgo: 5 }),
  spec(p.miriam, {
    jobTitle: 'Marketing Director',
    department: 'Marketing',
    methods: ['mobilePhone', 'email'],
  }),
  spec(p.nestor, {
    jobTitle: 'Identity Operations',
    department: 'IT',
    methods: ['microsoftAuthenticatorPush', 'fido2'],
  }),
  spec(p.patti, { jobTitle: 'Helpdesk Lead', department: 'IT', methods: ['microsoftAuthenticatorPush'] }),
  spec(p.debra, { jobTitle: 'Administrative Assistant', department: 'Executive', lastSignInDaysAgo: 0.5 }),
  spec(p.irvin, {
    jobTitle: 'Accountant',
    department: 'Finance',
    lastSignInDaysAgo: 60,
    methods: ['mobilePhone'],
  }),
  spec(p.enrico, { jobTitle: 'Sales Representative', department: 'Sales', lastSignInDaysAgo: 7 }),
  spec(p.allan, {
    jobTitle: 'Marketing Assistant',
    department: 'Marketing',
    createdDaysAgo: 20,
    lastSignInDaysAgo: 18,
  }),
  spec(p.kiran, {
    givenName: 'Kiran',
    surname: 'Rao',
    jobTitle: null,
    department: null,
    userType: 'Guest',
    createdDaysAgo: 150,
    lastSignInDaysAgo: 95,
    licensed: false,
    methods: [],
  }),
];

function guestMail(upn: string): string {
  // john_fabrikam.com#EXT#@contoso.onmicrosoft.com -> john@fabrikam.com
  const local = upn.split('#EXT#')[0] ?? upn;
  const at = local.lastIndexOf('_');
  return at < 0 ? local : `${local.slice(0, at)}@${local.slice(at + 1)}`;
}

function signInActivity(now: Date, s: DemoUserSpec, index: number): GraphUser['signInActivity'] {
  if (s.lastSignInDaysAgo === null) return null;
  const last = daysAgo(now, s.lastSignInDaysAgo);
  return {
    lastSignInDateTime: last,
    lastSignInRequestId: stableId(`signin/${s.person.id}/interactive`),
    lastNonInteractiveSignInDateTime: index % 3 === 0 ? hoursAgo(now, s.lastSignInDaysAgo * 24 + 2) : null,
    lastNonInteractiveSignInRequestId:
      index % 3 === 0 ? stableId(`signin/${s.person.id}/noninteractive`) : null,
    lastSuccessfulSignInDateTime: last,
    lastSuccessfulSignInRequestId: stableId(`signin/${s.person.id}/interactive`),
  };
}

export function buildUser(now: Date, s: DemoUserSpec, index: number): GraphUser {
  const guest = s.userType === 'Guest';
  const mail = guest ? guestMail(s.person.userPrincipalName) : s.person.userPrincipalName;
  const mailNickname = (s.person.userPrincipalName.split('@')[0] ?? '').replace('#EXT#', '');
  return {
    id: s.person.id,
    businessPhones: guest ? [] : [`+1 425 555 01${String(index).padStart(2, '0')}`],
    displayName: s.person.displayName,
    givenName: s.givenName,
    jobTitle: s.jobTitle,
    mail: s.licensed || guest ? mail : null,
    mobilePhone: null,
    officeLocation: guest || s.department === null ? null : `${18 + (index % 4)}/${2100 + index}`,
    preferredLanguage: 'en-US',
    surname: s.surname,
    userPrincipalName: s.person.userPrincipalName,
    accountEnabled: s.accountEnabled,
    assignedLicenses: s.licensed ? [{ disabledPlans: [], skuId: skuIds.microsoft365E5 }] : [],
    companyName: guest ? null : 'Contoso',
    createdDateTime: daysAgo(now, s.createdDaysAgo),
    creationType: guest ? 'Invitation' : null,
    department: s.department,
    externalUserState: guest ? 'Accepted' : null,
    mailNickname,
    onPremisesImmutableId: s.onPremisesSynced
      ? Buffer.from(s.person.id).toString('base64').slice(0, 24)
      : null,
    onPremisesLastSyncDateTime: s.onPremisesSynced ? hoursAgo(now, 0.5) : null,
    onPremisesSamAccountName: s.onPremisesSynced ? mailNickname.toLowerCase() : null,
    onPremisesSyncEnabled: s.onPremisesSynced ? true : null,
    passwordPolicies: s.person.userPrincipalName.startsWith('breakglass')
      ? 'DisablePasswordExpiration'
      : null,
    signInSessionsValidFromDateTime: daysAgo(now, Math.min(s.createdDaysAgo, 180)),
    usageLocation: guest ? null : 'US',
    userType: s.userType,
    signInActivity: signInActivity(now, s, index),
  };
}

export function demoUsers(now: Date): GraphUser[] {
  return demoUserSpecs.map((s, index) => buildUser(now, s, index));
}
