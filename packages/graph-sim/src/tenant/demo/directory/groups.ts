// The demo tenant's groups: a dynamic "All Staff", a Microsoft 365 group per team site, a
// role-assignable group that holds an admin role, and a nested security group (so that
// transitiveMembers differs from members).
import type { GraphGroup, GraphUser } from '../../directory.js';
import { demoPeople } from '../people.js';
import { daysAgo, stableId } from './ids.js';
import { directoryPeople } from './users.js';

export const demoGroupIds = {
  allStaff: stableId('group/all-staff'),
  finance: stableId('group/finance'),
  marketing: stableId('group/marketing'),
  sales: stableId('group/sales'),
  research: stableId('group/research'),
  tier0Admins: stableId('group/tier0-identity-admins'),
  itDepartment: stableId('group/it-department'),
  breakGlass: stableId('group/break-glass'),
} as const;

interface GroupSpec {
  id: string;
  displayName: string;
  description: string;
  kind: 'unified' | 'security' | 'dynamic';
  visibility?: 'Public' | 'Private';
  isAssignableToRole?: boolean;
  membershipRule?: string;
  createdDaysAgo: number;
}

const specs: GroupSpec[] = [
  {
    id: demoGroupIds.allStaff,
    displayName: 'All Staff',
    description: 'Every Contoso employee (dynamic membership)',
    kind: 'dynamic',
    membershipRule: '(user.userType -eq "Member") and (user.accountEnabled -eq true)',
    createdDaysAgo: 1100,
  },
  {
    id: demoGroupIds.finance,
    displayName: 'Finance',
    description: 'Finance team site and mailbox',
    kind: 'unified',
    visibility: 'Private',
    createdDaysAgo: 1000,
  },
  {
    id: demoGroupIds.marketing,
    displayName: 'Marketing',
    description: 'Marketing team site and mailbox',
    kind: 'unified',
    visibility: 'Public',
    createdDaysAgo: 1000,
  },
  {
    id: demoGroupIds.sales,
    displayName: 'Sales',
    description: 'Sales team site, shared with partners',
    kind: 'unified',
    visibility: 'Public',
    createdDaysAgo: 950,
  },
  {
    id: demoGroupIds.research,
    displayName: 'Research and Development',
    description: 'R&D team site',
    kind: 'unified',
    visibility: 'Private',
    createdDaysAgo: 800,
  },
  {
    id: demoGroupIds.tier0Admins,
    displayName: 'Tier 0 Identity Admins',
    description: 'Role-assignable group holding User Administrator',
    kind: 'security',
    isAssignableToRole: true,
    createdDaysAgo: 500,
  },
  {
    id: demoGroupIds.itDepartment,
    displayName: 'IT Department',
    description: 'IT staff, including the Tier 0 admins group',
    kind: 'security',
    createdDaysAgo: 1100,
  },
  {
    id: demoGroupIds.breakGlass,
    displayName: 'Emergency Access Accounts',
    description: 'Break-glass accounts, excluded from conditional access',
    kind: 'security',
    createdDaysAgo: 1200,
  },
];

function mailNickname(name: string): string {
  return name.replace(/[^A-Za-z0-9]/g, '');
}

export function demoGroups(now: Date): GraphGroup[] {
  return specs.map((s) => {
    const unified = s.kind === 'unified';
    const nickname = mailNickname(s.displayName);
    return {
      id: s.id,
      deletedDateTime: null,
      classification: null,
      createdDateTime: daysAgo(now, s.createdDaysAgo),
      description: s.description,
      displayName: s.displayName,
      expirationDateTime: null,
      groupTypes: unified ? ['Unified'] : s.kind === 'dynamic' ? ['DynamicMembership'] : [],
      isAssignableToRole: s.isAssignableToRole ?? null,
      mail: unified ? `${nickname}@contoso.com` : null,
      mailEnabled: unified,
      mailNickname: nickname,
      membershipRule: s.membershipRule ?? null,
      membershipRuleProcessingState: s.membershipRule ? 'On' : null,
      onPremisesSyncEnabled: null,
      preferredDataLocation: null,
      proxyAddresses: unified ? [`SMTP:${nickname}@contoso.com`] : [],
      renewedDateTime: daysAgo(now, s.createdDaysAgo),
      resourceBehaviorOptions: [],
      resourceProvisioningOptions: unified ? ['Team'] : [],
      securityEnabled: !unified,
      securityIdentifier: `S-1-12-1-${Number.parseInt(s.id.slice(0, 8), 16)}`,
      visibility: s.visibility ?? null,
    };
  });
}

export function demoGroupMembers(users: readonly GraphUser[]): Record<string, string[]> {
  const p = { ...demoPeople, ...directoryPeople };
  // Evaluated once, as Entra's dynamic membership processor would have done.
  const allStaff = users.filter((u) => u.userType === 'Member' && u.accountEnabled).map((u) => u.id);
  return {
    [demoGroupIds.allStaff]: allStaff,
    [demoGroupIds.finance]: [p.joni.id, p.pradeep.id, p.irvin.id, p.debra.id],
    [demoGroupIds.marketing]: [p.miriam.id, p.lynne.id, p.allan.id, p.adele.id],
    [demoGroupIds.sales]: [p.adele.id, p.diego.id, p.enrico.id, p.partner.id, p.kiran.id, p.miriam.id],
    [demoGroupIds.research]: [p.henrietta.id, p.johanna.id, p.lidia.id],
    [demoGroupIds.tier0Admins]: [p.grady.id, p.nestor.id],
    [demoGroupIds.itDepartment]: [
      p.megan.id,
      p.isaiah.id,
      p.alex.id,
      p.lee.id,
      p.christie.id,
      p.patti.id,
      demoGroupIds.tier0Admins,
    ],
    [demoGroupIds.breakGlass]: [p.breakglass.id, p.breakglass2.id],
  };
}
