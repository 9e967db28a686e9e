import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSim, type TestSim } from './support/sim.js';

interface Page {
  '@odata.context': string;
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
  '@odata.count'?: number;
  value: Record<string, unknown>[];
}

describe('collections: OData options and paging', () => {
  let t: TestSim;
  beforeAll(async () => {
    t = await startTestSim();
  });
  afterAll(() => t.sim.close());

  async function page(path: string, headers?: Record<string, string>): Promise<Page> {
    const response = await t.get(path, headers);
    expect(response.status, response.text).toBe(200);
    return response.json() as Page;
  }

  it('pages with the route page size and an absolute nextLink that keeps every query option', async () => {
    const first = await page('/v1.0/users?$select=displayName&$count=true', { ConsistencyLevel: 'eventual' });
    expect(first.value).toHaveLength(3);
    expect(first['@odata.count']).toBe(7);
    expect(first['@odata.context']).toBe(`${t.sim.url}/v1.0/$metadata#users(displayName)`);
    expect(first.value[0]).toEqual({
      id: '00000000-0000-4000-8000-000000000000',
      displayName: 'Adele Vance',
    });
    const next = first['@odata.nextLink'] as string;
    expect(next.startsWith(`${t.sim.url}/v1.0/users?`)).toBe(true);
    const params = new URL(next).searchParams;
    expect(params.get('$select')).toBe('displayName');
    expect(params.get('$count')).toBe('true');
    expect(params.get('$skiptoken')).toBeTruthy();

    const second = await page(next, { ConsistencyLevel: 'eventual' });
    expect(second['@odata.count']).toBeUndefined();
    expect(second.value.map((u) => u.displayName)).toEqual([
      'Megan Bowen',
      'Lynne Robbins',
      'Diego Siciliani',
    ]);
    const third = await page(second['@odata.nextLink'] as string, { ConsistencyLevel: 'eventual' });
    expect(third.value.map((u) => u.displayName)).toEqual(['Isaiah Langer']);
    expect(third['@odata.nextLink']).toBeUndefined();
  });

  it('refuses a directory $top above the route maximum and honours $skip where Graph supports it', async () => {
    expect((await t.get('/v1.0/users?$top=100')).status).toBe(400);
    expect((await page('/v1.0/users?$top=5')).value).toHaveLength(5);
    const skipped = await page('/v1.0/groups?$top=2&$skip=5');
    expect(skipped.value.map((u) => u.displayName)).toEqual(['Diego Siciliani', 'Isaiah Langer']);
    expect(skipped['@odata.nextLink']).toBeUndefined();
  });

  it('rejects a tampered $skiptoken and one from another query with 400', async () => {
    const first = await page('/v1.0/users?$top=2');
    const next = new URL(first['@odata.nextLink'] as string);
    const token = next.searchParams.get('$skiptoken') as string;
    const tampered = `${token.slice(0, 3)}${token[3] === 'A' ? 'B' : 'A'}${token.slice(4)}`;
    next.searchParams.set('$skiptoken', tampered);
    const response = await t.get(next.toString());
    expect(response.status).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: 'invalidRequest' } });
    const foreign = await t.get(`/v1.0/users?$top=3&$skiptoken=${encodeURIComponent(token)}`);
    expect(foreign.status).toBe(400);
  });

  it('orders by several keys, ascending and descending', async () => {
    const ordered = await page(
      '/v1.0/users?$orderby=department%20desc,displayName&$top=5&$select=displayName,department',
    );
    expect(ordered.value.map((u) => u.displayName)).toEqual([
      'Adele Vance',
      'Alex Wilber',
      'Isaiah Langer',
      'Lynne Robbins',
      "Conor O'Brien",
    ]);
  });

  it('filters with comparisons, functions, in, not, lambdas, paths, datetimes and GUIDs', async () => {
    const names = async (filter: string) =>
      (await page(`/v1.0/users?$top=5&$filter=${encodeURIComponent(filter)}`)).value.map(
        (u) => u.displayName,
      );
    expect(await names("startswith(displayName,'a')")).toEqual(['Adele Vance', 'Alex Wilber']);
    expect(
      await names("endswith(userPrincipalName,'@contoso.onmicrosoft.com') and accountEnabled eq false"),
    ).toEqual(['Megan Bowen']);
    expect(await names("displayName in ('Megan Bowen', 'Isaiah Langer')")).toEqual([
      'Megan Bowen',
      'Isaiah Langer',
    ]);
    expect(await names('createdDateTime ge 2024-06-01T00:00:00Z')).toEqual([
      'Diego Siciliani',
      'Isaiah Langer',
    ]);
    expect(await names('assignedLicenses/any(x:x/skuId eq 6fd2c87f-b296-42f0-b197-1e91e994b900)')).toEqual([
      'Adele Vance',
      "Conor O'Brien",
    ]);
    expect(await names("manager/displayName eq 'Zed'")).toEqual(['Adele Vance']);
    expect(await names("not (department eq 'Sales') and department ne null")).toEqual([]);
    expect(
      await names(
        "(department eq 'Sales' or displayName eq 'Nobody') and id eq 00000000-0000-4000-8000-000000000006",
      ),
    ).toEqual(['Isaiah Langer']);
    expect(await names("contains(displayName,'ell')")).toEqual([]);
  });

  it("keeps a hostile literal one literal: 'O''Brien' and ''' or 1 eq 1'", async () => {
    const names = async (filter: string) =>
      (await page(`/v1.0/users?$filter=${encodeURIComponent(filter)}`)).value.map((u) => u.displayName);
    expect(await names("displayName eq 'Conor O''Brien'")).toEqual(["Conor O'Brien"]);
    expect(await names("displayName eq ''' or 1 eq 1'")).toEqual([]);
    // The same value pasted without escaping is a syntax error, never a wider query.
    const injected = await t.get(`/v1.0/users?$filter=${encodeURIComponent("displayName eq '' or 1 eq 1'")}`);
    expect(injected.status).toBe(400);
    expect(injected.json()).toMatchObject({ error: { code: 'invalidRequest' } });
  });

  it('rejects unsupported filters and properties outside the route filterable list', async () => {
    for (const filter of [
      'displayName eq',
      'substringof(displayName, 1)',
      'displayName has 1',
      "displayName eq 'x' xor",
      "userType eq 'Guest'",
    ]) {
      const response = await t.get(`/v1.0/users?$filter=${encodeURIComponent(filter)}`);
      expect(response.status, filter).toBe(400);
      expect(response.json()).toMatchObject({ error: { code: 'invalidRequest' } });
    }
  });

  it('pages a delta result and ends it with a deltaLink the route can read back', async () => {
    const first = await page('/v1.0/users/delta?$select=displayName');
    expect(first.value).toHaveLength(4);
    const last = await page(first['@odata.nextLink'] as string);
    expect(last.value).toHaveLength(3);
    const deltaLink = new URL(last['@odata.deltaLink'] as string);
    expect(deltaLink.origin).toBe(t.sim.url);
    expect(deltaLink.searchParams.get('$deltatoken')).toBe('round2');
    expect(deltaLink.searchParams.get('$select')).toBe('displayName');
    const again = await page(deltaLink.toString());
    expect(again.value).toEqual([]);
    expect(new URL(again['@odata.deltaLink'] as string).searchParams.get('$deltatoken')).toBe('round3');
  });
});
