// Compliance-area routes over HTTPS against the demo tenant: records management, access review
// definitions (Entra ID P2), and the beta org settings the CIS audit reads; 403 without the role.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setEntraIdLicence } from '../../../src/index.js';
import { type AppClient, type DemoSim, startDemoSim } from '../sharepoint/support/demo-sim.js';

let demo: DemoSim;
let reader: AppClient;

beforeAll(async () => {
  demo = await startDemoSim();
  reader = await demo.as([
    'RecordsManagement.Read.All',
    'AccessReview.Read.All',
    'OrgSettings-AppsAndServices.Read.All',
    'OrgSettings-Forms.Read.All',
  ]);
});
afterAll(() => demo.close());

describe('records management', () => {
  it('lists the planted retention event and its type', async () => {
    const events = (await reader.get('/v1.0/security/triggers/retentionEvents')).json();
    expect(events.value).toHaveLength(1);
    expect(events.value[0]).toMatchObject({ displayName: 'Departure of contractor batch 7' });
    const types = (await reader.get('/v1.0/security/triggerTypes/retentionEventTypes')).json();
    expect(types.value.map((t: { displayName: string }) => t.displayName)).toEqual(['Employee departure']);
  });

  it('answers 403 to an app without RecordsManagement.Read.All', async () => {
    const other = await demo.as(['AccessReview.Read.All']);
    expect((await other.get('/v1.0/security/triggers/retentionEvents')).status).toBe(403);
  });
});

describe('access review definitions', () => {
  it('lists the planted privileged-role review, none of guests', async () => {
    const body = (await reader.get('/v1.0/identityGovernance/accessReviews/definitions')).json();
    expect(body.value).toHaveLength(1);
    expect(JSON.stringify(body.value[0].scope)).toContain('roleAssignmentScheduleInstances');
    expect(JSON.stringify(body.value)).not.toMatch(/userType eq 'Guest'/);
  });

  it('needs Entra ID P2: 403 AadPremiumLicenseRequired on a P1 tenant', async () => {
    const saved = demo.sim.tenant.directory.subscribedSkus;
    setEntraIdLicence(demo.sim.tenant.directory, 'P1');
    try {
      const denied = await reader.get('/v1.0/identityGovernance/accessReviews/definitions');
      expect(denied.status).toBe(403);
      expect(denied.json().error.code).toBe('AadPremiumLicenseRequired');
    } finally {
      demo.sim.tenant.directory.subscribedSkus = saved;
    }
  });
});

describe('beta org settings', () => {
  it('answers the planted apps-and-services and Forms settings on beta only', async () => {
    const apps = (await reader.get('/beta/admin/appsAndServices/settings')).json();
    expect(apps).toMatchObject({ isOfficeStoreEnabled: true, isAppAndServicesTrialEnabled: true });
    const forms = (await reader.get('/beta/admin/forms/settings')).json();
    expect(forms).toMatchObject({ isInOrgFormsPhishingScanEnabled: false });
    // Graph answers an unknown v1.0 segment with 400 BadRequest, as the simulator does.
    expect((await reader.get('/v1.0/admin/forms/settings')).status).toBe(400);
  });

  it('answers 403 to an app without the OrgSettings role', async () => {
    const other = await demo.as(['OrgSettings-Forms.Read.All']);
    expect((await other.get('/beta/admin/appsAndServices/settings')).status).toBe(403);
  });
});
