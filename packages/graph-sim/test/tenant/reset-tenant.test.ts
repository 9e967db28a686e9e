import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphSim, roleTemplateIds, startGraphSim } from '../../src/index.js';

let sim: GraphSim;
beforeAll(async () => {
  sim = await startGraphSim();
});
afterAll(async () => {
  await sim.close();
});

describe('resetTenant', () => {
  it('puts back a fresh demo tenant and keeps the directory roles registered apps hold', () => {
    const app = sim.registerApp({ roles: [], directoryRoles: [roleTemplateIds.globalReader] });
    const held = () =>
      sim.tenant.directory.roleAssignments.filter((a) => a.principalId === app.servicePrincipalId);
    expect(held().map((a) => a.roleDefinitionId)).toEqual([roleTemplateIds.globalReader]);
    const users = sim.tenant.directory.users.length;

    sim.tenant.directory.users.pop();
    sim.resetTenant();

    expect(sim.tenant.directory.users.length).toBe(users);
    expect(held().map((a) => a.roleDefinitionId)).toEqual([roleTemplateIds.globalReader]);
    expect(
      sim.tenant.directory.servicePrincipals?.filter((sp) => sp.id === app.servicePrincipalId),
    ).toHaveLength(1);
  });
});
