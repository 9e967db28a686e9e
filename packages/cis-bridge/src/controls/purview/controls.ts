import { cisServiceControl } from '../cis-service-control.js';
import type { Control, EvaluationContext, Outcome } from '../types.js';
import { cisa } from '../types.js';
import { arr, items, type Json, obj, str } from '../values.js';

// CIS 3.2 and 3.3: Purview policies, read through Security & Compliance's InvokeCommand API.

/** A location's name: PowerShell shows `All` or an address; a serialised location object has Name. */
function locations(value: unknown): string[] {
  return arr(value)
    .map((v) => (typeof v === 'string' ? v : (str(obj(v).Name) ?? str(obj(v).DisplayName))))
    .filter((v): v is string => v !== undefined && v !== '');
}

const enforced = (p: Json) => p.Mode === 'Enable' && p.Enabled !== false;

function dlpPolicies(ctx: EvaluationContext): Json[] {
  return items(ctx.get('dlpCompliancePolicies'));
}

function dlpEnabled(ctx: EvaluationContext): Outcome {
  const policies = dlpPolicies(ctx);
  const on = policies.filter(enforced);
  return {
    status: on.length > 0 ? 'pass' : 'fail',
    evidence: {
      policies: policies.map((p) => ({
        policy: str(p.Name) ?? '(unnamed)',
        Mode: p.Mode ?? null,
        Enabled: p.Enabled ?? null,
      })),
      enforcedPolicies: on.map((p) => str(p.Name) ?? '(unnamed)'),
      expected: 'at least one DLP policy with Mode Enable',
    },
  };
}

function dlpForTeams(ctx: EvaluationContext): Outcome {
  const teams = dlpPolicies(ctx).filter((p) => locations(p.TeamsLocation).length > 0);
  const on = teams.filter(enforced);
  return {
    status: on.length > 0 ? 'pass' : 'fail',
    evidence: {
      teamsPolicies: teams.map((p) => ({
        policy: str(p.Name) ?? '(unnamed)',
        Mode: p.Mode ?? null,
        TeamsLocation: locations(p.TeamsLocation),
        TeamsLocationException: locations(p.TeamsLocationException),
      })),
      enforcedForTeams: on.map((p) => str(p.Name) ?? '(unnamed)'),
      expected: 'a DLP policy with TeamsLocation set and Mode Enable',
    },
  };
}

function labelPoliciesPublished(ctx: EvaluationContext): Outcome {
  const policies = items(ctx.get('labelPolicies'));
  const shown = policies.map((p) => ({
    policy: str(p.Name) ?? '(unnamed)',
    Enabled: p.Enabled ?? null,
    Labels: locations(p.Labels),
    ExchangeLocation: locations(p.ExchangeLocation),
    ModernGroupLocation: locations(p.ModernGroupLocation),
  }));
  const published = shown.filter(
    (p, i) =>
      p.Enabled !== false &&
      policies[i]?.Mode !== 'PendingDeletion' &&
      p.Labels.length > 0 &&
      (p.ExchangeLocation.length > 0 || p.ModernGroupLocation.length > 0),
  );
  return {
    status: published.length > 0 ? 'pass' : 'fail',
    evidence: {
      labelPolicies: shown,
      publishedPolicies: published.map((p) => p.policy),
      expected: 'an enabled label policy publishing at least one label to users or groups',
    },
  };
}

export const purviewControls: Control[] = [
  cisServiceControl('3.2.1', {
    severity: 'medium',
    references: [cisa('MS.DEFENDER.4.1v1')],
    resources: ['dlpCompliancePolicies'],
    remediation:
      'Turn on at least one DLP policy (Purview portal > Data loss prevention > Policies: set it to On; Set-DlpCompliancePolicy -Identity <policy> -Mode Enable).',
    evaluate: dlpEnabled,
  }),
  cisServiceControl('3.2.2', {
    severity: 'medium',
    references: [cisa('MS.DEFENDER.4.2v1')],
    resources: ['dlpCompliancePolicies'],
    remediation:
      'Turn on a DLP policy covering Teams chat and channel messages (Purview portal > Data loss prevention > Policies: add the Teams location and set it to On; Set-DlpCompliancePolicy -AddTeamsLocation All -Mode Enable).',
    evaluate: dlpForTeams,
  }),
  cisServiceControl('3.3.1', {
    severity: 'medium',
    resources: ['labelPolicies'],
    remediation:
      'Publish sensitivity labels to users with a label policy (Purview portal > Information protection > Publishing policies; New-LabelPolicy -Labels <labels> -ExchangeLocation All).',
    evaluate: labelPoliciesPublished,
  }),
];
