// The large-tenant generator: the counts asked for, nested folders, exactly the shared share, and
// the same tenant from the same seed.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateSharePoint } from '../../src/tenant/generate/sharepoint.js';
import type { SharePointData } from '../../src/tenant/sharepoint.js';

function fingerprint(data: SharePointData): string {
  return createHash('sha256').update(JSON.stringify(data)).digest('hex');
}

const nonRoot = (data: SharePointData) => data.drives.flatMap((d) => d.items.slice(1));

describe('generateSharePoint', () => {
  it('makes the benchmark tenant: 2,000 sites, 200,000 items, 2% of them shared', () => {
    const data = generateSharePoint({ seed: 'bench' });
    expect(data.sites).toHaveLength(2000);
    expect(data.drives).toHaveLength(2000);
    const items = nonRoot(data);
    expect(items).toHaveLength(200_000);
    expect(items.filter((i) => i.permissions.length > 0)).toHaveLength(4000);
    const scopes = new Set(items.flatMap((i) => i.permissions.map((p) => p.link?.scope)));
    expect(scopes).toEqual(new Set(['anonymous', 'organization', 'users']));
    expect(new Set(data.sites.map((s) => s.id)).size).toBe(2000);
  });

  it('nests folders, keeps parents before children, and stays within the depth asked for', () => {
    const data = generateSharePoint({ seed: 'depth', sites: 20, items: 4000, maxDepth: 3 });
    for (const drive of data.drives) {
      const depth = new Map<string, number>();
      for (const i of drive.items) {
        const d = i.parentId === null ? 0 : (depth.get(i.parentId) ?? Number.NaN) + 1;
        expect(Number.isNaN(d)).toBe(false);
        depth.set(i.id, d);
        if (i.kind === 'folder') expect(d).toBeLessThanOrEqual(3);
      }
    }
    const deepest = Math.max(...data.drives.flatMap((d) => d.items.map((i) => i.name.length)));
    expect(deepest).toBeGreaterThan(0);
    expect(nonRoot(data).some((i) => i.kind === 'folder')).toBe(true);
    expect(new Set(data.drives.map((d) => d.items.length)).size).toBeGreaterThan(1);
  });

  it('is deterministic: the same seed gives the same tenant, another seed another', () => {
    const options = { sites: 50, items: 5000, sharedRatio: 0.05, oneDrives: 5 };
    const a = generateSharePoint({ ...options, seed: 7 });
    const b = generateSharePoint({ ...options, seed: 7 });
    const c = generateSharePoint({ ...options, seed: 8 });
    expect(fingerprint(a)).toBe(fingerprint(b));
    expect(fingerprint(a)).not.toBe(fingerprint(c));
    expect(nonRoot(a).filter((i) => i.permissions.length > 0)).toHaveLength(250);
    expect(a.sites.filter((s) => s.isPersonalSite)).toHaveLength(5);
    expect(a.drives.filter((d) => d.driveType === 'business').every((d) => d.ownerUserId)).toBe(true);
  });

  it('honours a shared ratio of zero and of one', () => {
    expect(
      nonRoot(generateSharePoint({ sites: 3, items: 300, sharedRatio: 0 })).some((i) => i.permissions.length),
    ).toBe(false);
    expect(
      nonRoot(generateSharePoint({ sites: 3, items: 300, sharedRatio: 1 })).every(
        (i) => i.permissions.length === 1,
      ),
    ).toBe(true);
  });
});
