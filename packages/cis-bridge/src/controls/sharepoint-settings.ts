// The SharePoint tenant settings as the CIS 7 controls read them: GET /admin/sharepoint/settings
// answers the sharepointSettings entity flat, while Microsoft's documentation shows it wrapped in
// `value`; both are read. A body that is neither (no sharingCapability), or a deciding setting Graph
// gave no value for, throws, so the control reports an error: never every setting read as absent.
import type { FindingEvidenceValue } from '@m365-mcp/graph-core';
import type { EvaluationContext, Outcome } from './types.js';
import { at, type Json, obj } from './values.js';

export function sharepointSettings(ctx: EvaluationContext): Json {
  const body = obj(ctx.get('sharepointSettings'));
  const settings = 'sharingCapability' in body ? body : obj(body.value);
  if (typeof settings.sharingCapability !== 'string') {
    throw new Error(
      'GET /admin/sharepoint/settings answered a body that is not a sharepointSettings object (no sharingCapability).',
    );
  }
  return settings;
}

/** The value at `path`; Graph leaving it out (absent or null) makes the check an error. */
export function requiredSetting(settings: Json, path: string): unknown {
  const value = at(settings, path);
  if (value === undefined || value === null)
    throw new Error(`GET /admin/sharepoint/settings gave no value for ${path}.`);
  return value;
}

/** Passes when the setting at `path` is one of `expected`. */
export function sharepointSettingIs(
  path: string,
  expected: readonly unknown[],
): (ctx: EvaluationContext) => Outcome {
  return (ctx) => {
    const actual = requiredSetting(sharepointSettings(ctx), path);
    return {
      status: expected.includes(actual) ? 'pass' : 'fail',
      evidence: {
        setting: path,
        actual: actual as FindingEvidenceValue,
        expected: expected.length === 1 ? (expected[0] as FindingEvidenceValue) : (expected as unknown[]),
      },
    };
  };
}
