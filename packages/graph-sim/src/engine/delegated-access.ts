// Microsoft's rule for delegated calls to admin APIs: the call needs a delegated permission in the
// token's `scp` AND the signed-in user must hold a directory role that allows the operation (the
// effective permission is the intersection). This table models that rule for what the servers call,
// no more: reads are open to Global Reader and the admin roles of the area (Security Reader for
// security data...), writes need the area's administrator role or Global Administrator. /me is
// every user's own.
import { roleTemplateIds as r } from '../tenant/demo/directory/wellKnown.js';
import type { Workload } from './route.js';

interface AreaRoles {
  /** Lower-case path prefix (after the version), e.g. `/security/`. */
  prefix: string;
  read: readonly string[];
  write: readonly string[];
}

/** Security Operator (not among the demo's well-known ids): reads and triages security data. */
const SECURITY_OPERATOR = '5f2222b1-57c3-48ba-8ad5-d4759f1fde6f';
const SECURITY_READ = [
  r.globalAdministrator,
  r.globalReader,
  r.securityAdministrator,
  r.securityReader,
  SECURITY_OPERATOR,
];
const IDENTITY_READ = [...SECURITY_READ, r.conditionalAccessAdministrator, r.privilegedRoleAdministrator];

/** First matching prefix wins; the last entry covers every other path. */
const AREAS: readonly AreaRoles[] = [
  {
    prefix: '/security/',
    read: SECURITY_READ,
    write: [r.globalAdministrator, r.securityAdministrator, SECURITY_OPERATOR],
  },
  {
    prefix: '/identityprotection/',
    read: SECURITY_READ,
    write: [r.globalAdministrator, r.securityAdministrator, SECURITY_OPERATOR],
  },
  { prefix: '/auditlogs/', read: [...SECURITY_READ, r.reportsReader], write: [r.globalAdministrator] },
  { prefix: '/reports/', read: [...SECURITY_READ, r.reportsReader], write: [r.globalAdministrator] },
  {
    prefix: '/identity/conditionalaccess/',
    read: IDENTITY_READ,
    write: [r.globalAdministrator, r.securityAdministrator, r.conditionalAccessAdministrator],
  },
  {
    prefix: '/policies/',
    read: IDENTITY_READ,
    write: [r.globalAdministrator, r.securityAdministrator, r.conditionalAccessAdministrator],
  },
  {
    prefix: '/rolemanagement/',
    read: IDENTITY_READ,
    write: [r.globalAdministrator, r.privilegedRoleAdministrator],
  },
  {
    prefix: '/users',
    read: [...IDENTITY_READ, r.userAdministrator, r.helpdeskAdministrator],
    write: [r.globalAdministrator, r.userAdministrator, r.privilegedAuthenticationAdministrator],
  },
  {
    prefix: '/sites',
    read: [r.globalAdministrator, r.globalReader, r.sharePointAdministrator],
    write: [r.globalAdministrator, r.sharePointAdministrator],
  },
  {
    prefix: '/drives',
    read: [r.globalAdministrator, r.globalReader, r.sharePointAdministrator],
    write: [r.globalAdministrator, r.sharePointAdministrator],
  },
  { prefix: '/', read: IDENTITY_READ, write: [r.globalAdministrator] },
];

/** Whether a user holding `roles` (template ids, lower case) may make this call. */
export function userRoleAllows(
  method: string,
  path: string,
  _workload: Workload,
  roles: ReadonlySet<string>,
): boolean {
  const lower = path.toLowerCase();
  if (lower === '/me' || lower.startsWith('/me/')) return true;
  const area = AREAS.find((a) => lower.startsWith(a.prefix)) as AreaRoles;
  const allowed = method === 'GET' ? area.read : area.write;
  return allowed.some((role) => roles.has(role.toLowerCase()));
}
