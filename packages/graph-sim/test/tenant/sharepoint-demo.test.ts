// The facts the demo's SharePoint data must hold, because the SharePoint server's demo and tests
// rely on them: which sites and files carry which sharing problem and which secret.
import { describe, expect, it } from 'vitest';
import { createDemoTenant, demoPeople } from '../../src/index.js';
import { PLANTED_CARD_NUMBERS, PLANTED_IBANS } from '../../src/tenant/demo/sharepoint.js';
import type { GraphPermission, SimDrive, SimDriveItem } from '../../src/tenant/sharepoint.js';

const { sharepoint } = createDemoTenant({ now: new Date('2026-06-15T12:00:00Z') });

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

function ibanValid(iban: string): boolean {
  const moved = `${iban.slice(4)}${iban.slice(0, 4)}`.replace(/[A-Z]/g, (ch) =>
    String(ch.charCodeAt(0) - 55),
  );
  let rest = 0;
  for (const ch of moved) rest = (rest * 10 + Number(ch)) % 97;
  return rest === 1;
}

function driveOf(path: string): SimDrive {
  const site = sharepoint.sites.find((s) => s.path === path);
  const drive = sharepoint.drives.find((d) => d.siteId === site?.id);
  if (!drive) throw new Error(`no drive for ${path}`);
  return drive;
}

function item(drive: SimDrive, name: string): SimDriveItem {
  const found = drive.items.find((i) => i.name === name);
  if (!found) throw new Error(`no item ${name}`);
  return found;
}

const links = (i: SimDriveItem, scope: string): GraphPermission[] =>
  i.permissions.filter((p) => p.link?.scope === scope);

describe('demo tenant: SharePoint', () => {
  it('has risky tenant sharing settings', () => {
    expect(sharepoint.settings).toMatchObject({
      sharingCapability: 'externalUserAndGuestSharing',
      sharingDomainRestrictionMode: 'none',
      isResharingByExternalUsersEnabled: true,
      isLegacyAuthProtocolsEnabled: true,
      isUnmanagedSyncAppForTenantRestricted: false,
    });
  });

  it('has six sites and three OneDrives, each with one drive whose root comes first and parents before children', () => {
    expect(sharepoint.sites.filter((s) => !s.isPersonalSite).map((s) => s.path)).toEqual([
      '/',
      '/sites/finance',
      '/sites/marketing',
      '/sites/hr',
      '/sites/engineering',
      '/sites/legal',
    ]);
    expect(sharepoint.sites.filter((s) => s.isPersonalSite)).toHaveLength(3);
    for (const drive of sharepoint.drives) {
      expect(drive.items[0]?.parentId).toBeNull();
      const seen = new Set<string>();
      for (const i of drive.items) {
        if (i.parentId !== null) expect(seen).toContain(i.parentId);
        seen.add(i.id);
      }
      expect(seen.size).toBe(drive.items.length);
      expect(Math.max(...drive.items.map((i) => i.sequence))).toBe(drive.changeCounter);
    }
    for (const site of sharepoint.sites)
      expect(site.id).toMatch(/^[a-z-]+\.sharepoint\.com,[0-9a-f-]{36},[0-9a-f-]{36}$/);
    expect(new Set(sharepoint.drives.map((d) => d.id)).size).toBe(sharepoint.drives.length);
  });

  it('Finance: a CSV with Luhn-valid card numbers shared with an anonymous link', () => {
    const csv = item(driveOf('/sites/finance'), 'Card settlements Q3.csv');
    expect(links(csv, 'anonymous')).toHaveLength(1);
    for (const card of PLANTED_CARD_NUMBERS) {
      expect(csv.content).toContain(card);
      expect(luhn(card)).toBe(true);
    }
    expect(csv.content).toContain('1234567812345678');
    expect(luhn('1234567812345678')).toBe(false);
    expect(csv.size).toBe(Buffer.byteLength(csv.content ?? ''));
  });

  it('Marketing: its description carries a prompt injection, as tenant text may', () => {
    expect(sharepoint.sites.find((s) => s.path === '/sites/marketing')?.description).toMatch(
      /ignore your previous instructions/i,
    );
  });

  it('Marketing: anonymous edit links without expiry, and guests from fabrikam.com and gmail.com', () => {
    const drive = driveOf('/sites/marketing');
    const anonymousEdit = drive.items
      .flatMap((i) => links(i, 'anonymous'))
      .filter((p) => p.link?.type === 'edit');
    expect(anonymousEdit.length).toBeGreaterThanOrEqual(2);
    for (const p of anonymousEdit) {
      expect(p.expirationDateTime === undefined || p.expirationDateTime.startsWith('0001-01-01')).toBe(true);
      expect(p.roles).toEqual(['write']);
    }
    const json = JSON.stringify(drive.items.map((i) => i.permissions));
    expect(json).toContain('@fabrikam.com');
    expect(json).toContain('@gmail.com');
    const launch = item(drive, 'Launch plan.docx').permissions[0];
    expect(launch?.grantedToV2).toMatchObject({ user: { id: demoPeople.partner.id } });
    expect(launch?.invitation).toEqual({ email: 'john@fabrikam.com', signInRequired: true });
  });

  it('HR: an "Everyone except external users" grant over a file with valid IBANs and a private key', () => {
    const drive = driveOf('/sites/hr');
    const onboarding = item(drive, 'Onboarding');
    expect(JSON.stringify(onboarding.permissions)).toContain('spo-grid-all-users');
    const bank = item(drive, 'New starter bank details.csv');
    expect(bank.parentId).toBe(onboarding.id);
    for (const iban of PLANTED_IBANS) {
      expect(bank.content).toContain(iban);
      expect(ibanValid(iban)).toBe(true);
    }
    expect(ibanValid('NL91ABNA0417164301')).toBe(false);
    expect(item(drive, 'payroll-sftp-key.pem').content).toMatch(/-----BEGIN RSA PRIVATE KEY-----/);
  });

  it('Engineering: a config file with a password and an access key, behind organization links', () => {
    const drive = driveOf('/sites/engineering');
    const config = item(drive, 'appsettings.Production.json');
    expect(config.content).toMatch(/Password=[^;]+;/);
    expect(config.content).toMatch(/AKIA[0-9A-Z]{16}/);
    expect(links(item(drive, 'Deploy'), 'organization')).toHaveLength(1);
    expect(links(item(drive, 'README.md'), 'organization')).toHaveLength(1);
  });

  it('Legal is clean: nothing shared beyond its own site groups, no app grants', () => {
    const legal = sharepoint.sites.find((s) => s.path === '/sites/legal');
    expect(legal?.appGrants).toEqual([]);
    const drive = driveOf('/sites/legal');
    for (const i of drive.items.slice(1)) expect(i.permissions).toEqual([]);
    for (const p of drive.items[0]?.permissions ?? []) expect(p.grantedToV2).toHaveProperty('siteGroup');
  });

  it('OneDrives carry some sharing, and each names its owner', () => {
    const oneDrives = sharepoint.drives.filter((d) => d.driveType === 'business');
    expect(oneDrives.map((d) => d.ownerUserId)).toEqual([
      demoPeople.megan.id,
      demoPeople.miriam.id,
      demoPeople.alex.id,
    ]);
    const shared = oneDrives.flatMap((d) => d.items.slice(1)).filter((i) => i.permissions.length > 0);
    expect(shared.length).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(shared.map((i) => i.permissions))).toContain('dev.contractor@outlook.com');
  });
});
