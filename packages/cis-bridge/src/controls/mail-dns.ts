import type { FindingEvidenceValue } from '@m365-mcp/graph-core';
import { graph } from './define.js';
import { type Control, cis, type DnsAnswer, type EvaluationContext, mitre, type Outcome } from './types.js';
import { items, str, strings } from './values.js';

// CIS 2.1.8-2.1.10: what the tenant's mail domains publish in DNS. Graph lists the domains
// (GET /domains: id, isVerified, supportedServices); a DNS reader answers TXT and CNAME questions.
// A missing record is a finding; a lookup that failed (SERVFAIL, timeout) decides nothing, so a
// control with only such domains reports an error rather than a failure.

/** Verified domains Exchange Online serves ("Email" among supportedServices), lower-case. */
function mailDomains(ctx: EvaluationContext): string[] {
  return items(ctx.get('domains'))
    .filter((d) => d.isVerified === true && strings(d.supportedServices).includes('Email'))
    .map((d) => (str(d.id) ?? '').toLowerCase())
    .filter((d) => d.length > 0)
    .sort();
}

const isMicrosoftDomain = (domain: string) => /\.onmicrosoft\.(com|us)$/.test(domain);

/** Custom mail domains: DKIM for *.onmicrosoft.com is Microsoft's own. */
function customMailDomains(ctx: EvaluationContext): string[] {
  return mailDomains(ctx).filter((d) => !isMicrosoftDomain(d));
}

interface DomainCheck {
  domain: string;
  ok: boolean;
  /** Set when the lookup failed: the domain has no verdict. */
  lookupFailed?: string;
  [key: string]: FindingEvidenceValue | undefined;
}

/**
 * One verdict over every domain's check: fail when any domain is definitely wrong, pass when all
 * are right, and an error (thrown) when the only doubts are failed lookups.
 */
function overDomains(domains: string[], check: (domain: string) => DomainCheck): Outcome {
  if (domains.length === 0) return { status: 'not_applicable', evidence: { domains: [] } };
  const checks = domains.map(check);
  const wrong = checks.filter((c) => !c.ok && c.lookupFailed === undefined);
  const unknown = checks.filter((c) => c.lookupFailed !== undefined);
  const evidence = {
    domains: checks.map((c) => ({ ...c })) as FindingEvidenceValue,
    failingDomains: wrong.map((c) => c.domain),
    lookupsFailed: unknown.map((c) => c.domain),
  };
  if (wrong.length > 0) return { status: 'fail', evidence };
  if (unknown.length > 0) {
    throw new Error(
      `DNS lookups failed for ${unknown.map((c) => `${c.domain} (${c.lookupFailed})`).join(', ')}; no verdict.`,
    );
  }
  return { status: 'pass', evidence };
}

function records(answer: DnsAnswer): string[] | undefined {
  if ('records' in answer) return answer.records;
  return 'absent' in answer ? [] : undefined;
}

const MICROSOFT_SPF_INCLUDES = ['include:spf.protection.outlook.com', 'include:spf.protection.office365.us'];

export function checkSpf(domain: string, answer: DnsAnswer): DomainCheck {
  const txt = records(answer);
  if (txt === undefined) return { domain, ok: false, lookupFailed: 'failed' in answer ? answer.failed : '' };
  const spf = txt.filter((r) => /^v=spf1(\s|$)/i.test(r.trim()));
  const record = spf[0] ?? null;
  if (spf.length === 0) return { domain, ok: false, spf: null, problem: 'no SPF record' };
  if (spf.length > 1)
    return { domain, ok: false, spf: spf, problem: 'more than one SPF record (RFC 7208: permerror)' };
  const terms = (record ?? '').toLowerCase().split(/\s+/);
  if (!MICROSOFT_SPF_INCLUDES.some((i) => terms.includes(i)))
    return { domain, ok: false, spf: record, problem: 'does not include spf.protection.outlook.com' };
  if (terms.some((t) => t === 'all' || t === '+all'))
    return { domain, ok: false, spf: record, problem: '+all lets any server send as the domain' };
  return { domain, ok: true, spf: record };
}

/** DMARC tags of a record (`v=DMARC1; p=reject; rua=mailto:…`), keys lower-case. */
function dmarcTags(record: string): Map<string, string> {
  const tags = new Map<string, string>();
  for (const part of record.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) tags.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
  }
  return tags;
}

export function checkDmarc(
  domain: string,
  own: DnsAnswer,
  parent?: { domain: string; answer: DnsAnswer },
): DomainCheck {
  const ownRecords = records(own);
  if (ownRecords === undefined) return { domain, ok: false, lookupFailed: 'failed' in own ? own.failed : '' };
  const dmarcOf = (txt: string[]) => txt.filter((r) => /^v=DMARC1\s*(;|$)/i.test(r.trim()));
  let found = dmarcOf(ownRecords);
  let inheritedFrom: string | undefined;
  // A subdomain without its own record is governed by its organisational domain's (sp=, else p=).
  if (found.length === 0 && parent) {
    const parentRecords = records(parent.answer);
    if (parentRecords === undefined)
      return { domain, ok: false, lookupFailed: 'failed' in parent.answer ? parent.answer.failed : '' };
    found = dmarcOf(parentRecords);
    if (found.length > 0) inheritedFrom = parent.domain;
  }
  if (found.length === 0)
    return { domain, ok: false, dmarc: null, problem: `no DMARC record at _dmarc.${domain}` };
  if (found.length > 1)
    return { domain, ok: false, dmarc: found, problem: 'more than one DMARC record (ignored by receivers)' };
  const record = found[0] as string;
  const tags = dmarcTags(record);
  const policy = (inheritedFrom ? (tags.get('sp') ?? tags.get('p')) : tags.get('p'))?.toLowerCase() ?? null;
  const rua = tags.get('rua') ?? null;
  const pct = tags.get('pct') ?? '100';
  const base = { domain, dmarc: record, policy, rua, ...(inheritedFrom ? { inheritedFrom } : {}) };
  if (policy !== 'quarantine' && policy !== 'reject')
    return { ...base, ok: false, problem: `policy is ${policy ?? 'missing'}, not quarantine or reject` };
  if (pct !== '100')
    return { ...base, ok: false, problem: `pct=${pct}: the policy applies to only part of the mail` };
  if (!rua?.toLowerCase().includes('mailto:'))
    return { ...base, ok: false, problem: 'no aggregate report address (rua=mailto:…)' };
  return { ...base, ok: true };
}

/** A DKIM selector CNAME that Microsoft 365 gives: `…._domainkey.<tenant>.onmicrosoft.com` or `….dkim.mail.microsoft`. */
export function isMicrosoftDkimTarget(target: string): boolean {
  const t = target.toLowerCase().replace(/\.$/, '');
  return /\._domainkey\.[a-z0-9-]+\.onmicrosoft\.(com|us)$/.test(t) || t.endsWith('.dkim.mail.microsoft');
}

export function checkDkim(domain: string, selector1: DnsAnswer, selector2: DnsAnswer): DomainCheck {
  const selectors: Record<string, FindingEvidenceValue> = {};
  const problems: string[] = [];
  for (const [name, answer] of [
    ['selector1', selector1],
    ['selector2', selector2],
  ] as const) {
    const targets = records(answer);
    if (targets === undefined)
      return { domain, ok: false, lookupFailed: 'failed' in answer ? answer.failed : '' };
    const target = targets[0] ?? null;
    selectors[name] = target;
    if (target === null) problems.push(`no ${name}._domainkey CNAME`);
    else if (!isMicrosoftDkimTarget(target))
      problems.push(`${name} does not point at Microsoft 365 (${target})`);
  }
  return problems.length === 0
    ? { domain, ok: true, ...selectors }
    : { domain, ok: false, ...selectors, problem: problems.join('; ') };
}

/** The nearest of the tenant's other mail domains that `domain` is a subdomain of. */
function parentDomain(domain: string, all: string[]): string | undefined {
  return all.filter((d) => d !== domain && domain.endsWith(`.${d}`)).sort((a, b) => b.length - a.length)[0];
}

const dmarcName = (domain: string) => `_dmarc.${domain}`;
const dkimName = (selector: string, domain: string) => `${selector}._domainkey.${domain}`;

export const mailDnsControls: Control[] = [
  graph({
    id: 'CIS.M365.2.1.8',
    title: 'Ensure that SPF records are published for all Exchange Domains',
    section: '2.1',
    level: 'L1',
    profile: 'E3',
    severity: 'medium',
    references: [cis('2.1.8'), mitre('T1566')],
    resources: ['domains'],
    remediation:
      'Publish one TXT record "v=spf1 include:spf.protection.outlook.com -all" (plus any other senders) at each mail domain.',
    dns: (ctx) => mailDomains(ctx).map((name) => ({ type: 'TXT', name })),
    evaluate: (ctx) => overDomains(mailDomains(ctx), (d) => checkSpf(d, ctx.dns({ type: 'TXT', name: d }))),
  }),
  graph({
    id: 'CIS.M365.2.1.9',
    title: 'Ensure that DKIM is enabled for all Exchange Online Domains',
    section: '2.1',
    level: 'L1',
    profile: 'E3',
    severity: 'medium',
    references: [cis('2.1.9'), mitre('T1566')],
    resources: ['domains'],
    remediation:
      'For each custom domain, publish the selector1 and selector2 CNAMEs Microsoft gives (Defender portal > Email authentication settings > DKIM) and enable signing (Set-DkimSigningConfig -Enabled $true).',
    dns: (ctx) =>
      customMailDomains(ctx).flatMap((d) => [
        { type: 'CNAME' as const, name: dkimName('selector1', d) },
        { type: 'CNAME' as const, name: dkimName('selector2', d) },
      ]),
    evaluate(ctx) {
      const outcome = overDomains(customMailDomains(ctx), (d) =>
        checkDkim(
          d,
          ctx.dns({ type: 'CNAME', name: dkimName('selector1', d) }),
          ctx.dns({ type: 'CNAME', name: dkimName('selector2', d) }),
        ),
      );
      // DNS shows the keys are published; whether signing is on is Get-DkimSigningConfig (Enabled).
      return {
        ...outcome,
        evidence: {
          ...outcome.evidence,
          readFrom: 'DNS selector CNAMEs; signing state: Get-DkimSigningConfig',
        },
      };
    },
  }),
  graph({
    id: 'CIS.M365.2.1.10',
    title: 'Ensure DMARC Records for all Exchange Online domains are published',
    section: '2.1',
    level: 'L1',
    profile: 'E3',
    severity: 'medium',
    references: [cis('2.1.10'), mitre('T1566')],
    resources: ['domains'],
    remediation:
      'Publish "v=DMARC1; p=quarantine (or reject); pct=100; rua=mailto:<reports address>" at _dmarc.<domain> for each mail domain, *.onmicrosoft.com included.',
    dns: (ctx) => mailDomains(ctx).map((d) => ({ type: 'TXT', name: dmarcName(d) })),
    evaluate(ctx) {
      const all = mailDomains(ctx);
      return overDomains(all, (d) => {
        const parent = parentDomain(d, all);
        return checkDmarc(
          d,
          ctx.dns({ type: 'TXT', name: dmarcName(d) }),
          parent ? { domain: parent, answer: ctx.dns({ type: 'TXT', name: dmarcName(parent) }) } : undefined,
        );
      });
    },
  }),
];
