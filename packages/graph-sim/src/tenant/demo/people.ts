// The named people of the demo tenant "Contoso", shared by every Graph area's demo data so that an
// incident, a risky user, a role assignment and a sharing grant can all point at the same person.
// Ids are fixed so that tests and docs can name them.
export interface DemoPerson {
  id: string;
  displayName: string;
  userPrincipalName: string;
}

export const CONTOSO_TENANT_ID = '36b280d4-7fe5-5417-a63e-54750485b0c3';

export const demoPeople = {
  megan: {
    id: '63663780-2835-5711-8f6c-64c0aa2da225',
    displayName: 'Megan Bowen',
    userPrincipalName: 'MeganB@contoso.com',
  }, // Global Administrator; MFA with Authenticator; the admin who runs the demo
  isaiah: {
    id: '2e3e6a5c-f61b-599c-90ca-04f529538473',
    displayName: 'Isaiah Langer',
    userPrincipalName: 'IsaiahL@contoso.com',
  }, // Global Administrator at high risk; touched by the active high-severity incident
  breakglass: {
    id: '44fff398-28a5-5def-8d41-93b615b7611e',
    displayName: 'Emergency Access 01',
    userPrincipalName: 'breakglass01@contoso.onmicrosoft.com',
  }, // break-glass Global Administrator, excluded from conditional access
  alex: {
    id: 'a329936d-5620-5079-afbc-5d2995c68a22',
    displayName: 'Alex Wilber',
    userPrincipalName: 'AlexW@contoso.com',
  }, // Exchange Administrator without MFA
  lee: {
    id: '1ceb817b-cdc4-509d-842e-457226e73cfa',
    displayName: 'Lee Gu',
    userPrincipalName: 'LeeG@contoso.com',
  }, // Security Administrator with SMS as the only MFA method
  christie: {
    id: 'f0f057b2-a557-585f-80ea-2ba30da7179d',
    displayName: 'Christie Cline',
    userPrincipalName: 'ChristieC@contoso.com',
  }, // Privileged Role Administrator synced from on-premises
  partner: {
    id: 'f0112f4c-af3d-5b1d-aa7c-6a81b38ee8ed',
    displayName: 'John Partner',
    userPrincipalName: 'john_fabrikam.com#EXT#@contoso.onmicrosoft.com',
  }, // guest from fabrikam.com holding a permanent Global Administrator role
  diego: {
    id: 'cd0d80ed-943c-5e60-aa91-9f98837619d5',
    displayName: 'Diego Siciliani',
    userPrincipalName: 'DiegoS@contoso.com',
  }, // enabled member with no sign-in for 200 days
  pradeep: {
    id: '41955f0d-75eb-5e89-9246-36a735c3d147',
    displayName: 'Pradeep Gupta',
    userPrincipalName: 'PradeepG@contoso.com',
  }, // created 400 days ago and never signed in
  lynne: {
    id: '05286182-ed5c-5ae1-8eb7-dc3d7414966b',
    displayName: 'Lynne Robbins',
    userPrincipalName: 'LynneR@contoso.com',
  }, // disabled but still licensed
  adele: {
    id: '8387abf1-7b5e-55b7-b56e-0391a0ab6fac',
    displayName: 'Adele Vance',
    userPrincipalName: 'AdeleV@contoso.com',
  }, // member; medium risk from an unfamiliar sign-in
  grady: {
    id: '872336c5-bb63-58b4-a981-a08943d53174',
    displayName: 'Grady Archie',
    userPrincipalName: 'GradyA@contoso.com',
  }, // member
  henrietta: {
    id: 'ae762cb8-d6fe-5838-8edf-ba9d0f15886d',
    displayName: 'Henrietta Mueller',
    userPrincipalName: 'HenriettaM@contoso.com',
  }, // member
  johanna: {
    id: 'ef0b90c3-da82-5faf-be14-4a2910182c8d',
    displayName: 'Johanna Lorenz',
    userPrincipalName: 'JohannaL@contoso.com',
  }, // member
  joni: {
    id: '3d9995b9-0e15-58d5-ba50-e9f7a41a6d01',
    displayName: 'Joni Sherman',
    userPrincipalName: 'JoniS@contoso.com',
  }, // member; owner of the Finance site
  lidia: {
    id: '3996f00f-b4fd-5b31-af01-38a44d4f6b92',
    displayName: 'Lidia Holloway',
    userPrincipalName: 'LidiaH@contoso.com',
  }, // member
  miriam: {
    id: '1931a415-def8-5b46-9ca6-05a51dce23f0',
    displayName: 'Miriam Graham',
    userPrincipalName: 'MiriamG@contoso.com',
  }, // member; shares marketing files with outsiders
  nestor: {
    id: 'b24221b6-e964-5632-a630-897aa74473ac',
    displayName: 'Nestor Wilke',
    userPrincipalName: 'NestorW@contoso.com',
  }, // member
  patti: {
    id: '07a86958-40f0-5bba-9bf8-605fee30d9df',
    displayName: 'Patti Fernandez',
    userPrincipalName: 'PattiF@contoso.com',
  }, // member; Helpdesk Administrator eligible through PIM
} as const satisfies Record<string, DemoPerson>;

export type DemoPersonKey = keyof typeof demoPeople;
