import type { EvaluationContext, Outcome } from '../types.js';
import { items, type Json, obj, str, strings } from '../values.js';
import { conditionsOf, shown } from './policies.js';

// CIS 2.4.1 and 2.4.2: priority accounts (the users Get-User -IsVIP answers), their protection
// switch, and the Strict preset security policy's rules that must reach each of them.

const STRICT = 'Strict Preset Security Policy';

/** What names a priority account in a rule's SentTo: any of the ways Exchange identifies a recipient. */
function namesOf(user: Json): string[] {
  return [
    'UserPrincipalName',
    'WindowsEmailAddress',
    'Name',
    'Identity',
    'DisplayName',
    'ExternalDirectoryObjectId',
  ]
    .map((k) => str(user[k]))
    .filter((v): v is string => v !== undefined)
    .map((v) => v.toLowerCase());
}

function upnOf(user: Json): string {
  return str(user.UserPrincipalName) ?? str(user.WindowsEmailAddress) ?? str(user.Identity) ?? '(unknown)';
}

function domainOf(user: Json): string | undefined {
  return upnOf(user).split('@')[1]?.toLowerCase();
}

const lower = (values: unknown) => strings(values).map((v) => v.toLowerCase());

type Reach = 'covered' | 'not covered' | 'group';

/**
 * Whether a preset rule reaches a user. A rule with no recipient condition applies to everyone;
 * a group condition (SentToMemberOf) is not resolved here, so a user it might cover is `group`.
 */
function reach(rule: Json, user: Json): Reach {
  const names = namesOf(user);
  const domain = domainOf(user);
  const excluded =
    lower(rule.ExceptIfSentTo).some((n) => names.includes(n)) ||
    (domain !== undefined && lower(rule.ExceptIfRecipientDomainIs).includes(domain));
  if (excluded) return 'not covered';
  const sentTo = lower(rule.SentTo);
  const domains = lower(rule.RecipientDomainIs);
  const groups = strings(rule.SentToMemberOf);
  if (sentTo.length === 0 && domains.length === 0 && groups.length === 0) return 'covered';
  if (sentTo.some((n) => names.includes(n))) return 'covered';
  if (domain !== undefined && domains.includes(domain)) return 'covered';
  return groups.length > 0 ? 'group' : 'not covered';
}

function strictRule(value: unknown): Json | undefined {
  return items(value).find((r) => r.Identity === STRICT || r.Name === STRICT);
}

export function priorityAccountProtection(ctx: EvaluationContext): Outcome {
  const settings = obj(ctx.get('emailTenantSettings'));
  const vips = items(ctx.get('priorityAccounts')).map(upnOf);
  const enabled = settings.EnablePriorityAccountProtection === true;
  return {
    status: enabled && vips.length > 0 ? 'pass' : 'fail',
    evidence: {
      EnablePriorityAccountProtection: shown(settings.EnablePriorityAccountProtection),
      priorityAccounts: vips,
      expected: { EnablePriorityAccountProtection: true, priorityAccounts: 'at least one tagged account' },
      // CIS also asks for alert policies scoped to priority accounts; Exchange Online does not show them.
      notEvaluated:
        'Alert policies for priority accounts (Defender portal > Alert policy); confirm them there.',
    },
  };
}

export function strictPresetForPriorityAccounts(ctx: EvaluationContext): Outcome {
  const vips = items(ctx.get('priorityAccounts'));
  const rules = {
    'Exchange Online Protection': strictRule(ctx.get('eopProtectionPolicyRules')),
    'Defender for Office 365': strictRule(ctx.get('atpProtectionPolicyRules')),
  };
  const ruleEvidence = Object.fromEntries(
    Object.entries(rules).map(([name, rule]) => [
      name,
      rule ? { State: rule.State ?? null, ...conditionsOf(rule) } : 'no Strict preset rule',
    ]),
  );
  if (vips.length === 0) {
    return {
      status: 'fail',
      evidence: {
        priorityAccounts: [],
        strictPreset: ruleEvidence,
        problem: 'No account is tagged as a priority account.',
      },
    };
  }
  const notCovered: string[] = [];
  const byGroupOnly: string[] = [];
  for (const user of vips) {
    const reaches = Object.values(rules).map((rule) =>
      rule === undefined || rule.State !== 'Enabled' ? 'not covered' : reach(rule, user),
    );
    if (reaches.includes('not covered')) notCovered.push(upnOf(user));
    else if (reaches.includes('group')) byGroupOnly.push(upnOf(user));
  }
  const evidence = {
    priorityAccounts: vips.map(upnOf),
    strictPreset: ruleEvidence,
    notCovered,
    ...(byGroupOnly.length > 0
      ? { coveredOnlyIfInGroups: byGroupOnly, groupsNotResolved: 'SentToMemberOf is not expanded here.' }
      : {}),
  };
  if (notCovered.length > 0) return { status: 'fail', evidence };
  return { status: byGroupOnly.length > 0 ? 'manual' : 'pass', evidence };
}
