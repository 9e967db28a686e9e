// The directory-role half of a delegated Graph call: which roles may read or write which area.
import { describe, expect, it } from 'vitest';
import { userRoleAllows } from '../../src/engine/delegated-access.js';
import { roleTemplateIds as r } from '../../src/index.js';

const SECURITY_OPERATOR = '5f2222b1-57c3-48ba-8ad5-d4759f1fde6f';
const holding = (...roles: string[]) => new Set(roles.map((role) => role.toLowerCase()));

describe('directory roles for delegated calls', () => {
  it.each([
    ['GET', '/security/incidents', holding(r.globalReader), true],
    ['PATCH', '/security/incidents/1', holding(r.globalReader), false],
    ['PATCH', '/security/incidents/1', holding(SECURITY_OPERATOR), true],
    ['GET', '/auditLogs/signIns', holding(r.reportsReader), true],
    ['PATCH', '/identity/conditionalAccess/policies/1', holding(r.conditionalAccessAdministrator), true],
    ['PATCH', '/identity/conditionalAccess/policies/1', holding(r.securityReader), false],
    ['GET', '/sites/root', holding(r.securityAdministrator), false],
    ['PATCH', '/users/1', holding(r.userAdministrator), true],
    ['GET', '/me', holding(), true],
    ['GET', '/organization', holding(), false],
    ['POST', '/organization', holding(r.globalAdministrator), true],
  ] as const)('%s %s', (method, path, roles, allowed) => {
    expect(userRoleAllows(method, path, 'directory', roles)).toBe(allowed);
  });
});
