import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoTenant, demoPeople } from '../../src/index.js';
import { demoGroupIds } from '../../src/tenant/demo/directory/groups.js';
import { generateDirectory } from '../../src/tenant/generate/directory.js';
import { type DirectoryTestSim, NOW, startDirectorySim } from '../routes/directory/support.js';

describe('generateDirectory', () => {
  const big = generateDirectory({ users: 20_000, seed: 'bench', now: NOW });

  it('makes exactly the requested number of users, with unique ids and UPNs, keeping the named people', () => {
    expect(big.users).toHaveLength(20_000);
    expect(new Set(big.users.map((u) => u.id)).size).toBe(20_000);
    expect(new Set(big.users.map((u) => u.userPrincipalName.toLowerCase())).size).toBe(20_000);
    expect(big.users.find((u) => u.id === demoPeople.isaiah.id)?.displayName).toBe('Isaiah Langer');
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const options = { users: 3_000, seed: 'bench', now: NOW };
    expect(JSON.stringify(generateDirectory(options))).toBe(JSON.stringify(generateDirectory(options)));
    // The first 3,000 users of the 20,000 are the same users: growth does not reshuffle a tenant.
    expect(generateDirectory(options).users.map((u) => u.id)).toEqual(
      big.users.slice(0, 3_000).map((u) => u.id),
    );
    const other = generateDirectory({ ...options, seed: 'other' });
    expect(other.users.slice(-100).map((u) => u.id)).not.toEqual(
      big.users.slice(2_900, 3_000).map((u) => u.id),
    );
  });

  it('keeps every derived view consistent with the users', () => {
    expect(big.userRegistrationDetails).toHaveLength(20_000);
    const allStaff = big.groupMembers[demoGroupIds.allStaff] ?? [];
    const enabledMembers = big.users.filter((u) => u.userType === 'Member' && u.accountEnabled);
    expect(allStaff).toHaveLength(enabledMembers.length);
    const e5 = big.subscribedSkus.find((s) => s.skuPartNumber === 'SPE_E5');
    expect(e5?.consumedUnits).toBe(big.users.filter((u) => (u.assignedLicenses ?? []).length > 0).length);
    expect(big.groups.length).toBeGreaterThan(60);
    for (const [groupId, members] of Object.entries(big.groupMembers)) {
      expect(big.groups.some((g) => g.id === groupId)).toBe(true);
      expect(members.length).toBeGreaterThan(0);
    }
  });

  it('has a realistic mix: guests, stale and never-signed-in accounts, users without MFA, risky users', () => {
    const share = (n: number) => n / big.users.length;
    expect(share(big.users.filter((u) => u.userType === 'Guest').length)).toBeGreaterThan(0.05);
    expect(share(big.users.filter((u) => u.signInActivity === null).length)).toBeGreaterThan(0.01);
    expect(share(big.userRegistrationDetails.filter((r) => !r.isMfaRegistered).length)).toBeGreaterThan(0.05);
    expect(big.riskyUsers.length).toBeGreaterThan(20);
  });

  it('never makes fewer users than the demo has', () => {
    expect(generateDirectory({ users: 3, now: NOW }).users.length).toBeGreaterThan(20);
  });
});

describe('a generated directory served over HTTPS', () => {
  let t: DirectoryTestSim;

  beforeAll(async () => {
    const tenant = createDemoTenant({ now: NOW });
    tenant.directory = generateDirectory({ users: 5_000, seed: 'https', now: NOW });
    t = await startDirectorySim(tenant);
  });
  afterAll(() => t.close());

  it('pages every user at $top=999 in six requests', async () => {
    const client = await t.clientWith(['User.Read.All']);
    const before = t.sim.requests.all().length;
    const users = await client.all('/users?$top=999&$select=id,accountEnabled');
    expect(users).toHaveLength(5_000);
    const graphRequests = t.sim.requests
      .all()
      .slice(before)
      .filter((e) => e.side === 'graph');
    expect(graphRequests).toHaveLength(6);
  });
});
