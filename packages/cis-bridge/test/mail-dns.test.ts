import { describe, expect, it } from 'vitest';
import { checkDkim, checkDmarc, checkSpf, isMicrosoftDkimTarget } from '../src/controls/mail-dns.js';

// The per-domain rules of CIS 2.1.8-2.1.10 on DNS answers; the controls themselves are exercised
// through the server, graph-sim and its DNS server in m365-compliance's control scenarios.

const txt = (...records: string[]) => ({ records });
const absent = { absent: 'TXT lookup of x failed: no such name (NXDOMAIN) (ENOTFOUND)' };
const failed = { failed: 'TXT lookup of x failed: the DNS server failed (SERVFAIL) (ESERVFAIL)' };

describe('SPF', () => {
  it.each([
    [txt('v=spf1 include:spf.protection.outlook.com -all'), true, undefined],
    [txt('MS=ms1', 'v=spf1 ip4:192.0.2.1 include:spf.protection.outlook.com ~all'), true, undefined],
    [txt('MS=ms1'), false, 'no SPF record'],
    [absent, false, 'no SPF record'],
    [txt('v=spf1 include:_spf.google.com -all'), false, 'does not include spf.protection.outlook.com'],
    [txt('v=spf1 include:spf.protection.outlook.com +all'), false, '+all lets any server send as the domain'],
    [txt('v=spf1 include:spf.protection.outlook.com -all', 'v=spf1 -all'), false, 'more than one SPF record'],
  ])('%j → %s', (answer, ok, problem) => {
    const check = checkSpf('contoso.com', answer);
    expect(check.ok).toBe(ok);
    if (problem) expect(check.problem).toContain(problem);
  });

  it('has no verdict when the lookup failed', () => {
    expect(checkSpf('contoso.com', failed)).toMatchObject({ ok: false, lookupFailed: failed.failed });
  });
});

describe('DMARC', () => {
  it.each([
    [txt('v=DMARC1; p=reject; rua=mailto:d@contoso.com'), true, undefined],
    [txt('v=DMARC1; p=quarantine; pct=100; rua=mailto:d@contoso.com'), true, undefined],
    [txt('v=DMARC1; p=none; rua=mailto:d@contoso.com'), false, 'policy is none'],
    [txt('v=DMARC1; p=reject'), false, 'no aggregate report address'],
    [txt('v=DMARC1; p=reject; pct=50; rua=mailto:d@contoso.com'), false, 'pct=50'],
    [absent, false, 'no DMARC record at _dmarc.contoso.com'],
  ])('%j → %s', (answer, ok, problem) => {
    const check = checkDmarc('contoso.com', answer);
    expect(check.ok).toBe(ok);
    if (problem) expect(check.problem).toContain(problem);
  });

  it("falls back to the parent domain's record, with its subdomain policy", () => {
    const parent = {
      domain: 'contoso.com',
      answer: txt('v=DMARC1; p=reject; sp=none; rua=mailto:d@contoso.com'),
    };
    expect(checkDmarc('mail.contoso.com', absent, parent)).toMatchObject({
      ok: false,
      inheritedFrom: 'contoso.com',
      policy: 'none',
    });
    const strict = { domain: 'contoso.com', answer: txt('v=DMARC1; p=reject; rua=mailto:d@contoso.com') };
    expect(checkDmarc('mail.contoso.com', absent, strict)).toMatchObject({ ok: true, policy: 'reject' });
  });
});

describe('DKIM', () => {
  const classic = (s: string) => ({ records: [`${s}-contoso-com._domainkey.contoso.onmicrosoft.com`] });

  it('passes when both selectors point at Microsoft 365', () => {
    expect(checkDkim('contoso.com', classic('selector1'), classic('selector2')).ok).toBe(true);
    expect(isMicrosoftDkimTarget('selector1-contoso-com._domainkey.contoso.n-v1.dkim.mail.microsoft')).toBe(
      true,
    );
  });

  it('fails on a missing selector or one pointing elsewhere', () => {
    expect(checkDkim('contoso.com', classic('selector1'), absent)).toMatchObject({
      ok: false,
      problem: 'no selector2._domainkey CNAME',
    });
    const elsewhere = { records: ['selector2._domainkey.mailer.example.net'] };
    expect(checkDkim('contoso.com', classic('selector1'), elsewhere).problem).toContain(
      'selector2 does not point at Microsoft 365',
    );
  });
});
