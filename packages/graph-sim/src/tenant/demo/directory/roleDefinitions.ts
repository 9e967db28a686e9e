// Microsoft's built-in directory roles that the demo uses or that checks ask about. For built-in
// roles Graph sets id = templateId; `isPrivileged` is Microsoft's own flag on the definition.
import type { RoleDefinition } from '../../directory.js';
import { roleTemplateIds } from './wellKnown.js';

type RoleKey = keyof typeof roleTemplateIds;

const roles: Record<RoleKey, { displayName: string; description: string; isPrivileged: boolean }> = {
  globalAdministrator: {
    displayName: 'Global Administrator',
    description:
      'Can manage all aspects of Microsoft Entra ID and Microsoft services that use Microsoft Entra identities.',
    isPrivileged: true,
  },
  privilegedRoleAdministrator: {
    displayName: 'Privileged Role Administrator',
    description:
      'Can manage role assignments in Microsoft Entra ID, and all aspects of Privileged Identity Management.',
    isPrivileged: true,
  },
  privilegedAuthenticationAdministrator: {
    displayName: 'Privileged Authentication Administrator',
    description:
      'Can access to view, set and reset authentication method information for any user (admin or non-admin).',
    isPrivileged: true,
  },
  userAdministrator: {
    displayName: 'User Administrator',
    description:
      'Can manage all aspects of users and groups, including resetting passwords for limited admins.',
    isPrivileged: true,
  },
  sharePointAdministrator: {
    displayName: 'SharePoint Administrator',
    description: 'Can manage all aspects of the SharePoint service.',
    isPrivileged: false,
  },
  exchangeAdministrator: {
    displayName: 'Exchange Administrator',
    description: 'Can manage all aspects of the Exchange product.',
    isPrivileged: false,
  },
  hybridIdentityAdministrator: {
    displayName: 'Hybrid Identity Administrator',
    description:
      'Can manage AD to Microsoft Entra cloud provisioning, Microsoft Entra Connect, and federation settings.',
    isPrivileged: true,
  },
  applicationAdministrator: {
    displayName: 'Application Administrator',
    description: 'Can create and manage all aspects of app registrations and enterprise apps.',
    isPrivileged: true,
  },
  cloudApplicationAdministrator: {
    displayName: 'Cloud Application Administrator',
    description:
      'Can create and manage all aspects of app registrations and enterprise apps except App Proxy.',
    isPrivileged: true,
  },
  securityAdministrator: {
    displayName: 'Security Administrator',
    description:
      'Can read security information and reports, and manage configuration in Microsoft Entra ID and Office 365.',
    isPrivileged: true,
  },
  conditionalAccessAdministrator: {
    displayName: 'Conditional Access Administrator',
    description: 'Can manage Conditional Access capabilities.',
    isPrivileged: true,
  },
  authenticationAdministrator: {
    displayName: 'Authentication Administrator',
    description:
      'Can access to view, set and reset authentication method information for any non-admin user.',
    isPrivileged: true,
  },
  helpdeskAdministrator: {
    displayName: 'Helpdesk Administrator',
    description: 'Can reset passwords for non-administrators and Helpdesk Administrators.',
    isPrivileged: true,
  },
  intuneAdministrator: {
    displayName: 'Intune Administrator',
    description: 'Can manage all aspects of the Intune product.',
    isPrivileged: true,
  },
  teamsAdministrator: {
    displayName: 'Teams Administrator',
    description: 'Can manage the Microsoft Teams service.',
    isPrivileged: false,
  },
  complianceAdministrator: {
    displayName: 'Compliance Administrator',
    description:
      'Can read and manage compliance configuration and reports in Microsoft Entra ID and Microsoft 365.',
    isPrivileged: false,
  },
  billingAdministrator: {
    displayName: 'Billing Administrator',
    description: 'Can perform common billing related tasks like updating payment information.',
    isPrivileged: false,
  },
  globalReader: {
    displayName: 'Global Reader',
    description: 'Can read everything that a Global Administrator can, but not update anything.',
    isPrivileged: true,
  },
  securityReader: {
    displayName: 'Security Reader',
    description: 'Can read security information and reports in Microsoft Entra ID and Office 365.',
    isPrivileged: true,
  },
  reportsReader: {
    displayName: 'Reports Reader',
    description: 'Can read sign-in and audit reports.',
    isPrivileged: false,
  },
  guestInviter: {
    displayName: 'Guest Inviter',
    description: 'Can invite guest users independent of the members can invite guests setting.',
    isPrivileged: false,
  },
  directoryReaders: {
    displayName: 'Directory Readers',
    description:
      'Can read basic directory information. Commonly used to grant directory read access to applications and guests.',
    isPrivileged: false,
  },
  serviceSupportAdministrator: {
    displayName: 'Service Support Administrator',
    description: 'Can read service health information and manage support tickets.',
    isPrivileged: false,
  },
};

export function builtInRoleDefinitions(): RoleDefinition[] {
  return (Object.keys(roles) as RoleKey[]).map((key) => {
    const role = roles[key];
    const templateId = roleTemplateIds[key];
    return {
      id: templateId,
      description: role.description,
      displayName: role.displayName,
      isBuiltIn: true,
      isEnabled: true,
      isPrivileged: role.isPrivileged,
      resourceScopes: ['/'],
      templateId,
      version: '1',
      // Abbreviated: Graph lists every resource action; the servers read the role's identity, not these.
      rolePermissions: [
        {
          allowedResourceActions: ['microsoft.office365.webPortal/allEntities/standard/read'],
          condition: null,
        },
      ],
      inheritsPermissionsFrom: key === 'directoryReaders' ? [] : [{ id: roleTemplateIds.directoryReaders }],
    };
  });
}
