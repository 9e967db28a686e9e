import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type AuditRun, exportRunOcsf, importReport, type OcsfDetectionFinding } from '../../src/index.js';
import { demoTenantAudit } from './fixtures/demo-audit.js';
import { hostileName, sampleRun } from './fixtures/sample-run.js';
import { OCSF_SCHEMA_FILE, ocsfValidator, readSchema } from './fixtures/validate.js';

// Validated against the OCSF 1.1.0 Detection Finding class compiled from the official OCSF schema
// source (fixtures/README.md), not a schema written for this exporter.
const validate = ocsfValidator();
const parse = (text: string) => JSON.parse(text) as OcsfDetectionFinding[];
const failing = (run: AuditRun) =>
  run.results.filter((r) => r.finding.status === 'fail' || r.finding.status === 'warning');

describe('the compiled OCSF schema', () => {
  it('is the 1.1.0 Detection Finding class with the cloud profile, generated from the OCSF source', () => {
    const schema = readSchema(OCSF_SCHEMA_FILE);
    expect(schema.$comment).toMatch(
      /ocsf-schema v1\.1\.0 \(commit 8ea34523a316c4bad7e360e870a23a8e5cb29bd5\)/,
    );
    expect(schema.$comment).toMatch(/profiles: cloud\./);
    const properties = schema.properties as Record<string, Record<string, unknown>>;
    expect(properties.class_uid?.const).toBe(2004);
    expect(properties.category_uid?.const).toBe(2);
    expect(properties.type_uid?.enum).toEqual([200400, 200401, 200402, 200403, 200499]);
    expect(schema.required).toEqual([
      'activity_id',
      'category_uid',
      'class_uid',
      'cloud',
      'finding_info',
      'metadata',
      'severity_id',
      'time',
      'type_uid',
    ]);
    // Like the OCSF server: unknown attributes are refused, except in attribute-less objects.
    expect(schema.additionalProperties).toBe(false);
    const defs = schema.$defs as Record<string, Record<string, unknown>>;
    expect(defs.object?.additionalProperties).toBe(true);
    expect(defs.finding_info?.additionalProperties).toBe(false);
  });
});

// The OCSF schema source, where this machine has it (CI does not: the compiled file is committed).
const OCSF_SOURCE = '/work/.mirror/ocsf+ocsf-schema/repo';

describe('the compile script', () => {
  it.skipIf(!existsSync(OCSF_SOURCE))(
    'regenerates the committed schema byte for byte from the OCSF source',
    () => {
      const script = join(import.meta.dirname, '../../../../scripts/compile-ocsf-schema.mjs');
      const args = [script, OCSF_SOURCE, 'v1.1.0', 'detection_finding', '--profiles', 'cloud'];
      const generated = execFileSync(process.execPath, args, { encoding: 'utf8' });
      expect(generated).toBe(readFileSync(join(import.meta.dirname, 'fixtures', OCSF_SCHEMA_FILE), 'utf8'));
    },
  );
});

describe('OCSF 1.1 Detection Finding export', () => {
  let demo: AuditRun;
  beforeAll(async () => {
    demo = await demoTenantAudit();
  });

  it('a demo-tenant audit exports one valid event per failing or warning finding', () => {
    const events = parse(exportRunOcsf(demo));
    expect(failing(demo).length).toBeGreaterThan(3);
    expect(events).toHaveLength(failing(demo).length);
    expect(validate(events)).toEqual([]);
    for (const e of events) {
      expect(e.type_uid).toBe(e.class_uid * 100 + e.activity_id);
      expect(e.cloud.account?.uid).toBe(demo.tenantId);
      expect(e.metadata.profiles).toEqual(['cloud']);
    }
  });

  it('maps the enumerations, the resource, the remediation and the evidence', () => {
    const run = sampleRun();
    const events = parse(
      exportRunOcsf(run, { name: 'm365-compliance', vendorName: 'm365-mcp', version: '9.9.9' }),
    );
    expect(validate(events)).toEqual([]);
    expect(events.map((e) => e.finding_info.title)).toEqual([
      'Legacy authentication is blocked',
      '=cmd|" /C calc"!A0',
      'Users cannot install apps',
    ]);
    expect(events.map((e) => [e.severity_id, e.severity])).toEqual([
      [5, 'Critical'],
      [4, 'High'],
      [2, 'Low'],
    ]);
    expect(events.map((e) => e.status_code)).toEqual(['fail', 'warning', 'fail']);
    const [first] = events as [OcsfDetectionFinding];
    expect(first.resources).toEqual([
      { uid: 'pol-1', type: 'conditionalAccessPolicy', name: hostileName, group: { name: '5.2.2' } },
    ]);
    expect(first.metadata.product).toEqual({
      name: 'm365-compliance',
      vendor_name: 'm365-mcp',
      version: '9.9.9',
    });
    expect(first.metadata.version).toBe('1.1.0');
    expect(first.time).toBe(Date.parse('2026-11-25T10:00:05.000Z'));
    expect(first.cloud.account?.uid).toBe(run.tenantId);
    expect(first.remediation).toEqual({
      desc: 'Enable a policy that blocks legacy authentication for all users.',
      references: ['CIS 5.2.2.3 v6.0.0', 'MITRE-ATTACK T1078', 'https://www.cisecurity.org/'],
    });
    expect(first.evidences).toEqual([{ data: run.results[0]?.finding.evidence }]);
    expect(first.unmapped).toEqual({ section: '5.2.2', level: 'L1', profile: 'E3' });
    expect(first.finding_info.desc).toContain('Enable a policy');
  });

  it('a run without a tenant id still carries the cloud profile it declares', () => {
    const { tenantId: _id, tenantName: _name, ...run } = sampleRun();
    const events = parse(exportRunOcsf(run));
    expect(validate(events)).toEqual([]);
    expect(events[0]?.cloud).toEqual({ provider: 'Microsoft 365' });
  });

  it('the schema check can fail: a wrong class, a missing class_uid, an unknown severity, a missing title', () => {
    const [event] = parse(exportRunOcsf(sampleRun()));
    const wrongClass = { ...event, class_uid: 2003, severity_id: 7, finding_info: { uid: 'x' } };
    const wrong = validate([wrongClass]).join('\n');
    expect(wrong).toMatch(/\/0\/class_uid must be equal to constant/);
    expect(wrong).toMatch(/\/0\/severity_id must be equal to one of the allowed values/);
    expect(wrong).toMatch(/\/0\/finding_info must have required property 'title'/);

    const { class_uid: _uid, ...noClass } = event as OcsfDetectionFinding;
    expect(validate([noClass]).join('\n')).toMatch(/must have required property 'class_uid'/);
    // An attribute the class does not define is refused, as the OCSF server's schema does.
    expect(validate([{ ...event, tenant: 'x' }]).join('\n')).toMatch(/must NOT have additional properties/);
    // type_uid must agree with the class and an activity.
    expect(validate([{ ...event, type_uid: 200501 }]).join('\n')).toMatch(/\/0\/type_uid/);
  });

  it('exports an imported ScubaGear report validly, never a pass as an event', async () => {
    const dir = '/work/shared/reference/sample-reports/scubagear';
    const run = importReport(await readFile(join(dir, 'ScubaResults_fa5589b7-d528-4f80.json'), 'utf8'));
    const events = parse(exportRunOcsf(run));
    expect(validate(events)).toEqual([]);
    expect(failing(run).length).toBeGreaterThan(0);
    expect(events).toHaveLength(failing(run).length);
  });
});
