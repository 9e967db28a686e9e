import { encodeCursor } from '@m365-mcp/mcp-kit';
import { describe, expect, it } from 'vitest';
import { classifyPermission, tenantIdentityFor } from '../src/analysis/classify-permission.js';
import { detectSensitive, ibanValid, luhnValid, mask } from '../src/analysis/sensitive-detectors.js';
import { evaluateSettings } from '../src/analysis/settings-checks.js';
import { addFailedSite, addSite, emptyTotals, totalsSchema } from '../src/analysis/totals.js';

const tenant = tenantIdentityFor('contoso.sharepoint.com');
/** A fixed instant: expiry is judged against it, never against the wall clock. */
const NOW = Date.parse('2026-06-15T12:00:00Z');

describe('checksums', () => {
  it('Luhn accepts test card numbers and rejects near misses', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('378282246310005')).toBe(true);
    expect(luhnValid('1234567812345678')).toBe(false);
    expect(luhnValid('4111111111111112')).toBe(false);
  });
  it('IBAN mod 97 accepts the ISO examples and rejects a wrong check', () => {
    expect(ibanValid('GB82WEST12345698765432')).toBe(true);
    expect(ibanValid('DE89370400440532013000')).toBe(true);
    expect(ibanValid('NL91ABNA0417164301')).toBe(false);
  });
});

describe('detectSensitive', () => {
  it('masks every match: no secret survives in the output', () => {
    const text = [
      'card,4111111111111111',
      'ref,1234567812345678',
      'iban GB82WEST12345698765432',
      'ssn 123-45-6789 and 000-12-3456',
      '"Password": "Winter2026!Deploy"',
      'Server=x;Password=hunter2secret;',
      'AKIAIOSFODNN7EXAMPLE',
      '-----BEGIN RSA PRIVATE KEY-----',
    ].join('\n');
    const matches = detectSensitive(text);
    expect(matches.map((m) => m.kind).sort()).toEqual(
      [
        'aws_access_key',
        'connection_string_password',
        'iban',
        'password_assignment',
        'payment_card',
        'private_key',
        'us_ssn',
      ].sort(),
    );
    const out = JSON.stringify(matches);
    for (const secret of [
      '4111111111111111',
      'GB82WEST12345698765432',
      'Winter2026!Deploy',
      'hunter2secret',
      'AKIAIOSFODNN7EXAMPLE',
      '123-45-6789',
    ])
      expect(out).not.toContain(secret);
    expect(matches.find((m) => m.kind === 'payment_card')).toMatchObject({
      line: 1,
      masked: '************1111',
    });
  });
  it('mask keeps only the ends', () => {
    expect(mask('abcdefgh', 2, 2)).toBe('ab****gh');
    expect(mask('abc')).toBe('***');
  });
});

describe('classifyPermission', () => {
  it('scores an anonymous edit link without expiry highest', () => {
    const c = classifyPermission(
      {
        id: '1',
        roles: ['write'],
        link: { scope: 'anonymous', type: 'edit' },
        expirationDateTime: '0001-01-01T00:00:00Z',
      },
      tenant,
      NOW,
    );
    expect(c).toMatchObject({
      scope: 'anonymous',
      access: 'edit',
      expires: null,
      score: 12,
      structural: false,
    });
  });
  it('marks guests (#EXT#) and outside domains external, members internal', () => {
    const guest = classifyPermission(
      {
        id: '2',
        roles: ['read'],
        link: { scope: 'users', type: 'view' },
        grantedToIdentitiesV2: [
          {
            siteUser: {
              displayName: 'J',
              email: 'j@gmail.com',
              loginName: 'i:0#.f|membership|j_gmail.com#ext#@contoso.onmicrosoft.com',
            },
          },
        ],
      },
      tenant,
      NOW,
    );
    expect(guest.external).toBe(true);
    const member = classifyPermission(
      { id: '3', roles: ['read'], grantedToV2: { user: { displayName: 'A', email: 'adele@contoso.com' } } },
      tenant,
      NOW,
    );
    expect(member).toMatchObject({ external: false, scope: 'direct', score: 1 });
  });
  it('recognises Everyone except external users, and site groups as structural', () => {
    const everyone = classifyPermission(
      {
        id: '4',
        roles: ['read'],
        grantedToV2: {
          siteUser: {
            displayName: 'Everyone except external users',
            loginName: 'c:0-.f|rolemanager|spo-grid-all-users/abc',
          },
        },
      },
      tenant,
      NOW,
    );
    expect(everyone).toMatchObject({ everyone: true, score: 5 });
    const group = classifyPermission(
      { id: '5', roles: ['owner'], grantedToV2: { siteGroup: { displayName: 'Finance Owners' } } },
      tenant,
      NOW,
    );
    expect(group).toMatchObject({ structural: true, score: 0 });
  });
});

describe('classifyPermission and expiry', () => {
  const link = (expirationDateTime?: string) => ({
    id: 'x',
    roles: ['read'],
    link: { scope: 'anonymous', type: 'view' },
    ...(expirationDateTime === undefined ? {} : { expirationDateTime }),
  });
  it('a link whose expiry has passed at `now` is expired and scores 0', () => {
    expect(classifyPermission(link('2026-06-14T12:00:00Z'), tenant, NOW)).toMatchObject({
      expired: true,
      score: 0,
    });
    // Exactly at its expiry it no longer works.
    expect(classifyPermission(link('2026-06-15T12:00:00Z'), tenant, NOW).expired).toBe(true);
  });
  it('a link that expires later, or never, is live', () => {
    expect(classifyPermission(link('2026-06-16T12:00:00Z'), tenant, NOW)).toMatchObject({
      expired: false,
      score: 6,
    });
    expect(classifyPermission(link(), tenant, NOW)).toMatchObject({ expired: false, expires: null });
    expect(classifyPermission(link('0001-01-01T00:00:00Z'), tenant, NOW)).toMatchObject({
      expired: false,
      expires: null,
    });
  });
  it('an unreadable expiry is taken as live: exposure is never hidden by a bad date', () => {
    expect(classifyPermission(link('next tuesday'), tenant, NOW).expired).toBe(false);
  });
});

describe('evaluateSettings', () => {
  it('fails the risky values and passes safe ones; unreadable CIS controls are manual', () => {
    const risky = evaluateSettings(
      { sharingCapability: 'externalUserAndGuestSharing', isLegacyAuthProtocolsEnabled: true },
      't',
    );
    expect(risky.find((f) => f.id === 'sharepoint.settings.external-sharing')?.status).toBe('fail');
    expect(risky.find((f) => f.id === 'sharepoint.settings.legacy-auth')?.status).toBe('fail');
    expect(risky.filter((f) => f.status === 'manual').map((f) => f.references[0]?.id)).toContain('7.2.9');
    const safe = evaluateSettings(
      {
        sharingCapability: 'disabled',
        isLegacyAuthProtocolsEnabled: false,
        isResharingByExternalUsersEnabled: false,
        isRequireAcceptingUserToMatchInvitedUserEnabled: true,
        isUnmanagedSyncAppForTenantRestricted: true,
        allowedDomainGuidsForSyncApp: ['x'],
        idleSessionSignOut: { isEnabled: true },
      },
      't',
    );
    expect(safe.filter((f) => f.status === 'fail')).toEqual([]);
  });
  it('a deciding value Graph left out or null is an error, never a pass', () => {
    const findings = evaluateSettings(
      { sharingCapability: 'disabled', isLegacyAuthProtocolsEnabled: null, idleSessionSignOut: null },
      't',
    );
    const status = (id: string) => findings.find((f) => f.id === `sharepoint.settings.${id}`)?.status;
    expect(status('legacy-auth')).toBe('error');
    expect(status('guest-resharing')).toBe('error');
    expect(status('idle-sign-out')).toBe('error');
    expect(status('external-sharing')).toBe('pass');
  });
});

describe('totals', () => {
  it('stay bounded and serializable', () => {
    const totals = emptyTotals();
    for (let s = 0; s < 30; s++) {
      const items = Array.from({ length: 5 }, (_, i) => ({
        siteId: `s${s}`,
        siteName: `Site ${s}`,
        driveId: 'd',
        itemId: `${s}-${i}`,
        name: `f${i}`,
        webUrl: '',
        isFolder: false,
        descendants: 0,
        permissions: [
          classifyPermission(
            { id: 'p', roles: ['read'], link: { scope: 'anonymous', type: 'view' } },
            tenant,
            NOW,
          ),
        ],
        score: 8,
      }));
      addSite(totals, { id: `s${s}`, name: `Site ${s}`, webUrl: '' }, items);
    }
    expect(totals.sharedItems).toBe(150);
    expect(totals.topSites).toHaveLength(10);
    expect(totals.topItems).toHaveLength(10);
    expect(totalsSchema.parse(JSON.parse(JSON.stringify(totals)))).toEqual(totals);
  });

  it('fit the cursor even with the longest names, URLs and domains', () => {
    const totals = emptyTotals();
    const long = (c: string, n: number) => c.repeat(n);
    for (let s = 0; s < 60; s++) {
      const grantee = { displayName: 'g', email: `x@${long('d', 200)}${s}.com`, external: true };
      const perm = {
        ...classifyPermission(
          { id: 'p', roles: ['write'], link: { scope: 'anonymous', type: 'edit' } },
          tenant,
          NOW,
        ),
        grantees: [grantee],
        external: true,
      };
      const item = {
        siteId: `s${s}`,
        siteName: long('n', 500),
        driveId: long('b', 66),
        itemId: long('I', 34),
        name: long('f', 500),
        webUrl: long('u', 1000),
        isFolder: false,
        descendants: 0,
        permissions: [perm],
        score: 100 + s,
      };
      addSite(totals, { id: long('h', 120), name: long('n', 500), webUrl: long('u', 1000) }, [item]);
      addFailedSite(totals, { id: long('h', 120), name: long('n', 500), webUrl: '' }, long('r', 500));
    }
    const cursor = encodeCursor({ sitesLink: long('l', 4000), offset: 3, includeOneDrives: true, totals });
    expect(cursor.length).toBeLessThan(65_536);
  });
});
