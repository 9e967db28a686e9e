// The authentication methods report rows, derived from each user's registered methods so that the
// report, /users/{id}/authentication/methods and the planted MFA gaps always agree.
import type { UserRegistrationDetails } from '../../directory.js';
import type { RegisteredMethod } from './users.js';

const MFA_METHODS: ReadonlySet<RegisteredMethod> = new Set([
  'microsoftAuthenticatorPush',
  'microsoftAuthenticatorPasswordless',
  'fido2',
  'windowsHelloForBusiness',
  'softwareOneTimePasscode',
  'mobilePhone',
]);
const PASSWORDLESS_METHODS: ReadonlySet<RegisteredMethod> = new Set([
  'microsoftAuthenticatorPasswordless',
  'fido2',
  'windowsHelloForBusiness',
]);

function preferred(methods: readonly RegisteredMethod[]): { system: string[]; user: string } {
  if (methods.includes('fido2')) return { system: ['Fido2'], user: 'push' };
  if (
    methods.includes('microsoftAuthenticatorPush') ||
    methods.includes('microsoftAuthenticatorPasswordless')
  ) {
    return { system: ['push'], user: 'push' };
  }
  if (methods.includes('softwareOneTimePasscode')) return { system: ['oath'], user: 'oath' };
  if (methods.includes('mobilePhone')) return { system: ['sms'], user: 'sms' };
  return { system: [], user: 'none' };
}

export interface RegistrationInput {
  id: string;
  userPrincipalName: string;
  displayName: string;
  userType: 'Member' | 'Guest';
  isAdmin: boolean;
  methods: readonly RegisteredMethod[];
  lastUpdatedDateTime: string;
}

export function registrationDetails(input: RegistrationInput): UserRegistrationDetails {
  const mfa = input.methods.some((m) => MFA_METHODS.has(m));
  const sspr = input.methods.length > 0;
  const member = input.userType === 'Member';
  const pref = preferred(input.methods);
  return {
    id: input.id,
    userPrincipalName: input.userPrincipalName,
    userDisplayName: input.displayName,
    userType: member ? 'member' : 'guest',
    isAdmin: input.isAdmin,
    isSsprRegistered: sspr,
    isSsprEnabled: member,
    isSsprCapable: member && sspr,
    isMfaRegistered: mfa,
    isMfaCapable: mfa,
    isPasswordlessCapable: input.methods.some((m) => PASSWORDLESS_METHODS.has(m)),
    isSystemPreferredAuthenticationMethodEnabled: true,
    methodsRegistered: [...input.methods],
    systemPreferredAuthenticationMethods: pref.system,
    userPreferredMethodForSecondaryAuthentication: pref.user,
    lastUpdatedDateTime: input.lastUpdatedDateTime,
  };
}
