import type { Outcome } from '../types.js';
import { items, type Json } from '../values.js';
import { conditionsOf, identityOf, nameOf } from './policies.js';

// Which Safe Links / Safe Attachments policy protects the organisation: Microsoft applies the Strict
// preset, then the Standard preset, then custom policies by their rule's priority, then the Built-In
// Protection Policy to whoever is left. The first of those whose rule is enabled and reaches the
// organisation (its accepted domains, or every recipient) is the policy most users get; CIS 2.1.1 and
// 2.1.4 ask that it carry their settings. A rule scoped to named users or groups protects only them.

export interface PolicyKind {
  /** The rule property naming the policy: `SafeLinksPolicy` or `SafeAttachmentPolicy`. */
  ruleProperty: 'SafeLinksPolicy' | 'SafeAttachmentPolicy';
  /** The settings CIS asks for, property by value. */
  settings: Record<string, unknown>;
}

/** Whom an enabled rule reaches, or undefined when it is off or reaches only named users or groups. */
function organisationScope(rule: Json | undefined): string | undefined {
  if (rule?.State !== 'Enabled') return undefined;
  const conditions = conditionsOf(rule);
  const domains = conditions.RecipientDomainIs;
  if (domains) return `recipients in ${domains.join(', ')}`;
  if (!conditions.SentTo && !conditions.SentToMemberOf) return 'all recipients';
  return undefined;
}

const priority = (rule: Json) =>
  typeof rule.Priority === 'number' ? rule.Priority : Number.MAX_SAFE_INTEGER;

export function effectivePolicy(
  kind: PolicyKind,
  policiesValue: unknown,
  rulesValue: unknown,
  presetRulesValue: unknown,
): Outcome {
  const policies = items(policiesValue);
  const byName = (name: unknown) => policies.find((p) => p.Name === name || p.Identity === name);
  const ordered: { policy: Json | undefined; rule: Json | undefined; kind: string }[] = [
    ...items(presetRulesValue)
      .sort((a, b) => priority(a) - priority(b))
      .map((rule) => ({ policy: byName(rule[kind.ruleProperty]), rule, kind: `preset (${nameOf(rule)})` })),
    ...items(rulesValue)
      .sort((a, b) => priority(a) - priority(b))
      .map((rule) => ({ policy: byName(rule[kind.ruleProperty]), rule, kind: 'custom' })),
  ];
  const reaching = ordered.find((o) => o.policy !== undefined && organisationScope(o.rule) !== undefined);
  const builtIn = policies.find((p) => p.IsBuiltInProtection === true);
  const effective = reaching
    ? {
        policy: reaching.policy as Json,
        appliesTo: organisationScope(reaching.rule) as string,
        via: reaching.kind,
      }
    : builtIn
      ? { policy: builtIn, appliesTo: 'all recipients no other policy covers', via: 'built-in protection' }
      : undefined;
  if (!effective) {
    return {
      status: 'fail',
      evidence: {
        effectivePolicy: null,
        problem: 'No policy reaches the organisation.',
        expected: kind.settings,
      },
    };
  }
  const gaps: Record<string, unknown> = {};
  for (const [key, want] of Object.entries(kind.settings)) {
    if (effective.policy[key] !== want) gaps[key] = effective.policy[key] ?? null;
  }
  const ok = Object.keys(gaps).length === 0;
  return {
    status: ok ? 'pass' : 'fail',
    evidence: {
      effectivePolicy: nameOf(effective.policy),
      via: effective.via,
      appliesTo: effective.appliesTo,
      settingsNotAsCis: gaps,
      expected: kind.settings,
    },
    ...(ok
      ? {}
      : {
          resource: {
            type: kind.ruleProperty === 'SafeLinksPolicy' ? 'safeLinksPolicy' : 'safeAttachmentPolicy',
            id: identityOf(effective.policy),
            displayName: nameOf(effective.policy),
          },
        }),
  };
}

/** CIS 2.1.1's Safe Links settings (its audit procedure's values). */
export const SAFE_LINKS: PolicyKind = {
  ruleProperty: 'SafeLinksPolicy',
  settings: {
    EnableSafeLinksForEmail: true,
    EnableSafeLinksForTeams: true,
    EnableSafeLinksForOffice: true,
    TrackClicks: true,
    AllowClickThrough: false,
    ScanUrls: true,
    EnableForInternalSenders: true,
    DeliverMessageAfterScan: true,
    DisableUrlRewrite: false,
  },
};

/** CIS 2.1.4's Safe Attachments settings. */
export const SAFE_ATTACHMENTS: PolicyKind = {
  ruleProperty: 'SafeAttachmentPolicy',
  settings: { Enable: true, Action: 'Block', QuarantineTag: 'AdminOnlyAccessPolicy' },
};
