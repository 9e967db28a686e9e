import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type AuditRun, exportRunSarif, importReport, SARIF_SCHEMA, type SarifLog } from '../../src/index.js';
import { demoTenantAudit } from './fixtures/demo-audit.js';
import { hostileName, sampleRun } from './fixtures/sample-run.js';
import { readSchema, sarifValidator } from './fixtures/validate.js';

// Validated against the OASIS SARIF 2.1.0 schema (Errata 01), vendored in fixtures (README.md).
const validate = sarifValidator();
const parse = (text: string) => JSON.parse(text) as SarifLog;

/** How often each keyword is used in schema positions (not as property names under properties/definitions). */
function keywordsOf(schema: unknown, into = new Map<string, number>()): Map<string, number> {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return into;
  for (const [key, value] of Object.entries(schema)) {
    into.set(key, (into.get(key) ?? 0) + 1);
    if (key === 'properties' || key === 'definitions') {
      for (const sub of Object.values(value as object)) keywordsOf(sub, into);
    } else if (key === 'anyOf' || key === 'allOf' || key === 'oneOf') {
      for (const sub of value as unknown[]) keywordsOf(sub, into);
    } else if (key === 'items' || key === 'additionalProperties' || key === 'not') {
      for (const sub of [value].flat()) keywordsOf(sub, into);
    }
  }
  return into;
}

describe('the vendored SARIF schema', () => {
  const schema = readSchema('sarif-schema-2.1.0.json');

  it('is the OASIS 2.1.0 Errata 01 schema, its JSON content unchanged', () => {
    expect(schema.id).toBe(
      'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json',
    );
    // SHA-256 of JSON.stringify(JSON.parse(official file)): only whitespace may differ (biome).
    const canonical = createHash('sha256').update(JSON.stringify(schema)).digest('hex');
    expect(canonical).toBe('2c14c20b8877bbd7b26f7b7d3e74f5e750f7e3edd33288b9d3043812ed52ad9a');
  });

  it('uses only keywords that mean the same in draft-04 and draft-07 (so ajv draft-07 is exact)', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-04/schema#');
    const sameInBoth = [
      '$schema',
      'title',
      'description',
      'type',
      'properties',
      'additionalProperties',
      'required',
      'items',
      'minItems',
      'uniqueItems',
      'minimum',
      'pattern',
      'format',
      'enum',
      'default',
      'anyOf',
      'oneOf',
      'maximum',
      '$ref',
      'definitions',
    ];
    const used = keywordsOf(schema);
    expect([...used.keys()].filter((k) => k !== 'id' && !sameInBoth.includes(k))).toEqual([]);
    // `id` is draft-04's $id: used once (at the root), and every $ref is local, so nothing resolves by it.
    expect(used.get('id')).toBe(1);
    expect(typeof schema.id).toBe('string');
    expect(JSON.stringify(schema).match(/"\$ref":"(?!#\/definitions\/)/g)).toBeNull();
  });
});

describe('SARIF 2.1.0 export', () => {
  let demo: AuditRun;
  beforeAll(async () => {
    demo = await demoTenantAudit();
  });

  it('a demo-tenant audit exports a valid log: every control a rule, every failing finding a result', () => {
    const log = parse(exportRunSarif(demo));
    expect(validate(log)).toEqual([]);
    expect(log.$schema).toBe(SARIF_SCHEMA);
    expect(SARIF_SCHEMA).toBe(readSchema('sarif-schema-2.1.0.json').id);
    const [sarifRun] = log.runs;
    expect(sarifRun?.tool.driver.rules.map((r) => r.id)).toEqual([
      ...new Set(demo.results.map((r) => r.finding.id)),
    ]);
    const failing = demo.results.filter((r) => r.finding.status === 'fail' || r.finding.status === 'warning');
    expect(failing.length).toBeGreaterThan(3);
    expect(sarifRun?.results).toHaveLength(failing.length);
  });

  it('locates each result by resource and leaves skipped and manual controls without results', () => {
    const run = sampleRun();
    const log = parse(exportRunSarif(run));
    expect(validate(log)).toEqual([]);
    const [sarifRun] = log.runs;
    const rules = sarifRun?.tool.driver.rules ?? [];
    expect(rules.map((r) => r.id)).toEqual(run.results.map((r) => r.finding.id));
    const results = sarifRun?.results ?? [];
    expect(results.map((r) => [r.ruleId, r.level])).toEqual([
      ['CIS.M365.5.2.2.3', 'error'],
      ['CIS.M365.1.1.3', 'warning'],
      ['CIS.M365.1.3.4', 'note'],
    ]);
    for (const r of results) expect(rules[r.ruleIndex]?.id).toBe(r.ruleId);
    expect(results[0]?.locations[0]?.logicalLocations[0]).toEqual({
      name: hostileName,
      fullyQualifiedName: 'conditionalAccessPolicy/pol-1',
      kind: 'resource',
    });
    // The skipped and manual controls are rules without results: never reported as pass or fail.
    expect(results.some((r) => r.ruleId === 'CIS.M365.5.3.2' || r.ruleId === 'CIS.M365.3.2.1')).toBe(false);
    expect(rules[0]?.helpUri).toBe('https://www.cisecurity.org/');
  });

  it('the schema check can fail: an unknown level, a result without a message, a bad version', () => {
    const log = parse(exportRunSarif(sampleRun()));
    const result = log.runs[0]?.results[0] as unknown as Record<string, unknown>;
    result.level = 'critical';
    delete result.message;
    const errors = validate(log).join('\n');
    expect(errors).toMatch(/\/runs\/0\/results\/0\/level must be equal to one of the allowed values/);
    expect(errors).toMatch(/\/runs\/0\/results\/0 must have required property 'message'/);

    const wrongVersion = { ...parse(exportRunSarif(sampleRun())), version: '2.0.0' };
    expect(validate(wrongVersion).join('\n')).toMatch(/\/version must be equal to one of the allowed values/);
    // A property SARIF does not define is refused (the official schema forbids additional ones).
    const extra = parse(exportRunSarif(sampleRun())) as unknown as { runs: Record<string, unknown>[] };
    (extra.runs[0] as Record<string, unknown>).tenant = 'x';
    expect(validate(extra).join('\n')).toMatch(/\/runs\/0 must NOT have additional properties/);
  });

  it('exports an imported Maester report validly', async () => {
    const run = importReport(
      await readFile(join('/work/shared/reference/sample-reports', 'maester', 'test-results.json'), 'utf8'),
    );
    const log = parse(exportRunSarif(run));
    expect(validate(log)).toEqual([]);
    expect(log.runs[0]?.tool.driver.rules.length).toBe(new Set(run.results.map((r) => r.finding.id)).size);
  });
});
