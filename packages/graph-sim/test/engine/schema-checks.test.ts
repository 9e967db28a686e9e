// graph-sim refuses what Graph refuses, before it reads any data: a property the route's type lacks
// in this version, a query option Graph declares unsupported on the collection, $count or $search on
// directory objects without `ConsistencyLevel: eventual`, an $expand of a relationship that does not
// exist (400) or that graph-sim does not render (501).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DirectoryTestSim,
  type GraphTestClient,
  startDirectorySim,
} from '../routes/directory/support.js';

const EVENTUAL = { ConsistencyLevel: 'eventual' };

describe('queries checked against Graph schema', () => {
  let t: DirectoryTestSim;
  let graph: GraphTestClient;
  beforeAll(async () => {
    t = await startDirectorySim();
    graph = await t.clientWith([
      'Directory.Read.All',
      'RoleManagement.Read.Directory',
      'IdentityRiskEvent.Read.All',
      'Organization.Read.All',
    ]);
  });
  afterAll(() => t.close());

  function error(reply: { body: Record<string, unknown> }) {
    return reply.body.error as { code: string; message: string };
  }

  it('a property only beta has is unknown on v1.0, in $select and $filter, and known on beta', async () => {
    const select = await graph.get(
      '/roleManagement/directory/roleDefinitions?$select=displayName,isPrivileged',
    );
    expect(select.status).toBe(400);
    expect(error(select)).toEqual({
      code: 'BadRequest',
      message:
        "Parsing OData Select and Expand failed: Could not find a property named 'isPrivileged' on type 'microsoft.graph.unifiedRoleDefinition'.",
      innerError: expect.any(Object),
    });
    const filter = await graph.get('/roleManagement/directory/roleDefinitions?$filter=isPrivileged eq true');
    expect(filter.status).toBe(400);
    expect(error(filter).message).toBe(
      "Could not find a property named 'isPrivileged' on type 'microsoft.graph.unifiedRoleDefinition'.",
    );
    const beta = await graph.get(
      `${t.sim.url}/beta/roleManagement/directory/roleDefinitions?$select=displayName,isPrivileged`,
    );
    expect(beta.status).toBe(200);
  });

  it('an unknown $orderby property is a 400; a known one sorts', async () => {
    expect((await graph.get('/users?$orderby=shoeSize')).status).toBe(400);
    expect((await graph.get('/users?$orderby=displayName')).status).toBe(200);
  });

  it('$count and $search on directory objects need ConsistencyLevel: eventual', async () => {
    const count = await graph.get('/users?$count=true');
    expect(count.status).toBe(400);
    expect(error(count).code).toBe('Request_UnsupportedQuery');
    const counted = await graph.get('/users?$count=true&$top=1', EVENTUAL);
    expect(counted.status).toBe(200);
    expect(counted.body['@odata.count']).toEqual(expect.any(Number));
    expect((await graph.get('/groups?$search="displayName:Finance"')).status).toBe(400);
    expect((await graph.get('/groups/00000000-0000-0000-0000-000000000000/members?$count=true')).status).toBe(
      400,
    );
  });

  it('refuses the options Graph declares unsupported on a collection', async () => {
    const skip = await graph.get('/users?$skip=2');
    expect(skip.status).toBe(400);
    expect(error(skip).message).toMatch(/^Query option 'Skip' is not allowed/);
    expect((await graph.get('/identityProtection/riskDetections?$count=true')).status).toBe(400);
    expect((await graph.get('/subscribedSkus?$select=skuPartNumber')).status).toBe(400);
    expect((await graph.get('/directoryRoles?$top=5')).status).toBe(400);
    expect((await graph.get('/subscribedSkus')).status).toBe(200);
  });

  it('the directory refuses a page size outside 1..999 instead of clamping it', async () => {
    const reply = await graph.get('/users?$top=1000');
    expect(reply.status).toBe(400);
    expect(error(reply)).toMatchObject({
      code: 'Request_UnsupportedQuery',
      message: "Invalid page size specified: '1000'. Must be between 1 and 999 inclusive.",
    });
    expect((await graph.get('/users?$top=999')).status).toBe(200);
  });

  it('$expand: a relationship the type lacks is a 400; one graph-sim does not render is a 501', async () => {
    const unknown = await graph.get('/roleManagement/directory/roleAssignments?$expand=owner');
    expect(unknown.status).toBe(400);
    expect(error(unknown).message).toBe(
      "Parsing OData Select and Expand failed: Could not find a property named 'owner' on type 'microsoft.graph.unifiedRoleAssignment'.",
    );
    const unrendered = await graph.get('/roleManagement/directory/roleAssignments?$expand=roleDefinition');
    expect(unrendered.status).toBe(501);
    expect(error(unrendered).message).toContain("graph-sim does not expand 'roleDefinition'");
    const expanded = await graph.get('/roleManagement/directory/roleAssignments?$expand=principal&$top=1');
    expect(expanded.status).toBe(200);
    expect((expanded.body.value as { principal?: unknown }[])[0]?.principal).toBeDefined();
  });

  it('accepts a derived type’s property on a base-typed collection, as Graph’s directory does', async () => {
    const group = (await graph.get('/groups?$top=1')).body.value as { id: string }[];
    const members = await graph.get(`/groups/${group[0]?.id}/members?$select=id,userPrincipalName`);
    expect(members.status).toBe(200);
  });
});
