// What Contoso publishes in DNS for its mail domains (contoso.com, contoso.onmicrosoft.com,
// fabrikam-legacy.contoso.com), with planted gaps for the CIS mail-authentication checks:
// - SPF (CIS 2.1.8): fabrikam-legacy.contoso.com publishes none;
// - DKIM (CIS 2.1.9): fabrikam-legacy.contoso.com has selector1 but no selector2 CNAME;
// - DMARC (CIS 2.1.10): contoso.com's policy is p=none (monitor only), which its subdomain inherits.
import type { DnsZone } from '../../dns/dns-zone.js';

export const MICROSOFT_SPF = 'v=spf1 include:spf.protection.outlook.com -all';

/** The CNAME target Microsoft gives a custom domain's DKIM selector (the classic form). */
export function dkimTarget(
  selector: 'selector1' | 'selector2',
  domain: string,
  initialDomain: string,
): string {
  return `${selector}-${domain.replaceAll('.', '-')}._domainkey.${initialDomain}`;
}

export function demoDnsZone(): DnsZone {
  const initial = 'contoso.onmicrosoft.com';
  return {
    txt: {
      'contoso.com': [MICROSOFT_SPF, 'MS=ms48151623', 'google-site-verification=cOnToSo-demo'],
      '_dmarc.contoso.com': ['v=DMARC1; p=none; rua=mailto:dmarc-reports@contoso.com'],
      'contoso.onmicrosoft.com': [MICROSOFT_SPF],
      '_dmarc.contoso.onmicrosoft.com': ['v=DMARC1; p=reject; rua=mailto:dmarc-reports@contoso.com'],
      // Planted: a mail domain that exists (it has a verification record) but publishes no SPF.
      'fabrikam-legacy.contoso.com': ['MS=ms90210042'],
    },
    cname: {
      'selector1._domainkey.contoso.com': dkimTarget('selector1', 'contoso.com', initial),
      'selector2._domainkey.contoso.com': dkimTarget('selector2', 'contoso.com', initial),
      'selector1._domainkey.fabrikam-legacy.contoso.com': dkimTarget(
        'selector1',
        'fabrikam-legacy.contoso.com',
        initial,
      ),
    },
    faults: {},
  };
}
