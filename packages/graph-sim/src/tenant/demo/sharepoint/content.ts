// Text content of the demo's files, with sensitive data planted for the sensitive-content scanner.
// Every value is an obviously fake, published test value that still passes its checksum: card
// numbers are the networks' documented test numbers (Luhn-valid), IBANs are the ISO 13616 examples,
// the AWS key is AWS's documented example key. Each file also holds a near miss (a 16-digit number
// that fails Luhn, an IBAN with a wrong check), so a scanner that skips the checksum is caught.

export const CARD_SETTLEMENTS_CSV = [
  'settlement_id,merchant,card_number,expiry,amount_usd',
  'STL-2026-0912-001,Northwind Traders,4111111111111111,12/28,1240.50',
  'STL-2026-0912-002,Fabrikam Supplies,5555555555554444,03/29,87.20',
  'STL-2026-0913-003,Tailspin Toys,378282246310005,07/27,310.00',
  'STL-2026-0913-004,Wingtip Toys,6011111111111117,11/28,52.99',
  'STL-2026-0914-005,Adventure Works,4012888888881881,01/29,999.00',
  'batch_reference,1234567812345678,,,',
  '',
].join('\n');

/** The Luhn-valid card numbers in CARD_SETTLEMENTS_CSV (the batch reference is not one). */
export const PLANTED_CARD_NUMBERS = [
  '4111111111111111',
  '5555555555554444',
  '378282246310005',
  '6011111111111117',
  '4012888888881881',
] as const;

export const BANK_DETAILS_CSV = [
  'employee,start_date,iban,bic',
  'Jordan Mills,2026-07-01,GB82WEST12345698765432,WESTGB2L',
  'Sam Okafor,2026-07-15,DE89370400440532013000,COBADEFFXXX',
  'Ana Lima,2026-08-01,NL91ABNA0417164301,ABNANL2A',
  '',
].join('\n');

/** The checksum-valid IBANs in BANK_DETAILS_CSV (the NL one has a wrong check and is not one). */
export const PLANTED_IBANS = ['GB82WEST12345698765432', 'DE89370400440532013000'] as const;

function fakeKeyBody(): string {
  // Not a key: a fixed pattern shaped like PEM's base64 lines.
  const line = 'MIIEowIBAAKCAQEAzEXAMPLEKEYNOTREALc29tZSBmYWtlIGtleSBtYXRlcmlhbCBmb3IgZGVtbw';
  return Array.from({ length: 6 }, (_, i) => `${line.slice(0, 60 - i)}${'A'.repeat(4 + i)}`).join('\n');
}

export const PAYROLL_SFTP_KEY_PEM = `-----BEGIN RSA PRIVATE KEY-----\n${fakeKeyBody()}\n-----END RSA PRIVATE KEY-----\n`;

export const APPSETTINGS_PRODUCTION_JSON = `${JSON.stringify(
  {
    Logging: { LogLevel: { Default: 'Warning' } },
    ConnectionStrings: {
      Orders:
        'Server=tcp:contoso-orders.database.windows.net,1433;Database=orders;User ID=svc_orders;Password=Winter2026!Deploy;Encrypt=True;',
    },
    Storage: {
      AwsAccessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      AwsSecretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    },
    Smtp: { Host: 'smtp.office365.com', User: 'alerts@contoso.com', Password: 'P@ssw0rd-2026' },
  },
  null,
  2,
)}\n`;

export const DEPLOY_PIPELINE_YML = [
  'trigger:',
  '  branches:',
  '    include: [main]',
  'stages:',
  '  - stage: deploy',
  '    jobs:',
  '      - job: web',
  '        steps:',
  '          - script: ./deploy.sh --environment production',
  '',
].join('\n');

export const ENGINEERING_README_MD = [
  '# Contoso Engineering',
  '',
  'Runbooks, architecture notes and deployment configuration for the Contoso web platform.',
  'Secrets belong in Key Vault, not in this library.',
  '',
].join('\n');

export const WELCOME_PACK_TXT = 'Welcome to Contoso! Your manager will share your first-week plan.\n';
