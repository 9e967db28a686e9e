// Users of the demo directory that tests sign in with (authorization code, device code), by what
// they may do through delegated Graph calls. The demo itself is unchanged: Diego holds no directory
// role there, so a test that wants a Global Reader gives him the role first:
//   sim.assignDirectoryRole({ upn: demoSignInUsers.globalReader, roleTemplateId: roleTemplateIds.globalReader })
export const demoSignInUsers = {
  /** Lee Gu: Security Administrator, and no other role. */
  securityAdministrator: 'LeeG@contoso.com',
  /** Megan Bowen: Global Administrator. */
  globalAdministrator: 'MeganB@contoso.com',
  /** Diego Siciliani: no directory role in the demo; the test makes him Global Reader (see above). */
  globalReader: 'DiegoS@contoso.com',
  /** Lynne Robbins: a disabled account (sign-in refused with AADSTS50057). */
  disabled: 'LynneR@contoso.com',
} as const;
