// Reading Fabric tenant settings as the CIS 9.1 controls need them. A setting missing from the list
// is an error for its control (the API lists every setting; a missing one means a renamed or retired
// setting, or a truncated list), never a pass or a fail. Names and group names are tenant data: they
// go into evidence as values, nothing more.
import type { FindingEvidenceValue } from '@m365-mcp/graph-core';
import type { EvaluationContext, Outcome } from '../types.js';
import { arr, items, type Json, obj, str } from '../values.js';

export interface FabricSettingView {
  settingName: string;
  title: string;
  enabled: boolean;
  /** Names (or ids, when unnamed) of the groups the setting is limited to; empty = everyone. */
  enabledFor: string[];
  /** Groups excluded from an otherwise organisation-wide setting. */
  excluded: string[];
}

function groupNames(value: unknown): string[] {
  return items(value).map((g) => str(g.name) ?? str(g.graphId) ?? '(unnamed group)');
}

export function fabricSetting(ctx: EvaluationContext, settingName: string): FabricSettingView {
  const rows = arr(ctx.get('fabricTenantSettings')).map(obj);
  const row: Json | undefined = rows.find((r) => r.settingName === settingName);
  if (!row) {
    throw new Error(
      `GET /v1/admin/tenantsettings did not list ${settingName} (${rows.length} settings listed).`,
    );
  }
  if (typeof row.enabled !== 'boolean') {
    throw new Error(`GET /v1/admin/tenantsettings gave ${settingName} no enabled value.`);
  }
  return {
    settingName,
    title: str(row.title) ?? settingName,
    enabled: row.enabled,
    enabledFor: groupNames(row.enabledSecurityGroups),
    excluded: groupNames(row.excludedSecurityGroups),
  };
}

/** What the portal shows: Disabled, Enabled for the entire organisation, or for specific groups. */
export function fabricState(view: FabricSettingView): string {
  if (!view.enabled) return 'Disabled';
  if (view.enabledFor.length > 0) return 'Enabled for specific security groups';
  return view.excluded.length > 0
    ? 'Enabled for the entire organization, except specific security groups'
    : 'Enabled for the entire organization';
}

function evidence(view: FabricSettingView, expected: string): Record<string, FindingEvidenceValue> {
  return {
    settingName: view.settingName,
    title: view.title,
    enabled: view.enabled,
    state: fabricState(view),
    enabledSecurityGroups: view.enabledFor,
    ...(view.excluded.length > 0 ? { excludedSecurityGroups: view.excluded } : {}),
    expected,
  };
}

/** CIS's "Disabled, or Enabled with specific security groups selected and defined". */
export function fabricRestricted(settingName: string): (ctx: EvaluationContext) => Outcome {
  return (ctx) => {
    const view = fabricSetting(ctx, settingName);
    const ok = !view.enabled || view.enabledFor.length > 0;
    return {
      status: ok ? 'pass' : 'fail',
      evidence: evidence(view, 'Disabled, or enabled for specific security groups'),
    };
  };
}

/** A setting CIS wants in one state, for everyone or for specific groups alike. */
export function fabricEnabledIs(settingName: string, wanted: boolean): (ctx: EvaluationContext) => Outcome {
  return (ctx) => {
    const view = fabricSetting(ctx, settingName);
    return {
      status: view.enabled === wanted ? 'pass' : 'fail',
      evidence: evidence(view, wanted ? 'Enabled' : 'Disabled'),
    };
  };
}

export { evidence as fabricEvidence };
