// A whole generated tenant for portfolio tests and benchmarks (many tenants in one simulator): the
// demo's shape under another organisation's name (its own tenant id, `<name>.onmicrosoft.com`,
// `<name>.sharepoint.com`, `<name>.com`), with the service generators drawing its settings from the
// seed. A posture grade drawn from the seed (posture-grade.ts) decides what is left of the demo's
// planted problems: all of them (critical), the moderate ones (warning) or none (good), so a
// portfolio has a spread of statuses. Deterministic: the same options give the same tenant (dates
// aside, which follow `now`).
import type { DnsZone } from '../../dns/dns-zone.js';
import { demoCompliance } from '../demo/compliance.js';
import { MICROSOFT_SPF } from '../demo/dns.js';
import { createDemoTenant } from '../demo/index.js';
import type { Tenant } from '../model.js';
import { stableGuid } from '../sharepoint/ids.js';
import { generateDefender } from './defender.js';
import { generateDirectory } from './directory.js';
import { generateExchange } from './exchange.js';
import { generateFabric } from './fabric.js';
import { gradeEntraPolicies } from './grade/entra-policies.js';
import { gradeIdentity } from './grade/identity.js';
import { gradeSecurity } from './grade/security.js';
import { gradeSharePoint } from './grade/sharepoint.js';
import { POSTURE_GRADES, type PostureGrade, postureGradeOf } from './posture-grade.js';
import { generatePurview } from './purview.js';
import { rebrand } from './rebrand.js';
import { seededRandom } from './seeded-random.js';
import { generateSharePointAdmin } from './sharepoint-admin.js';
import { generateTeams } from './teams.js';

export interface GenerateTenantOptions {
  /** Any text or number; the same seed gives the same tenant. */
  seed: string | number;
  /** Lower-case DNS label, e.g. `tenant-01`: `<name>.onmicrosoft.com`, `<name>.sharepoint.com`. */
  name: string;
  /** Default: the name in title case (`Tenant 01`). */
  displayName?: string;
  /** Total users, the demo's named people included. Default: the demo's (25). */
  users?: number;
  /** "Now" for the tenant's dates; default the current time. */
  now?: Date;
  /** The posture the tenant is built to show; default the seed's (postureGradeOf). */
  grade?: PostureGrade;
}

/** Days of Secure Score history a generated tenant keeps (the demo has 90): a month's trend, a third of the memory. */
const SECURE_SCORE_DAYS = 30;

/** The demo's priority accounts (Megan and Isaiah), whom a graded tenant's Strict preset names. */
const PRIORITY_ACCOUNT_UPNS = ['MeganB@contoso.com', 'IsaiahL@contoso.com'] as const;

const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

function titleCase(name: string): string {
  return name
    .split('-')
    .map((part) => (part ? `${part[0]?.toUpperCase()}${part.slice(1)}` : part))
    .join(' ');
}

export function generateTenant(options: GenerateTenantOptions): Tenant {
  const { name } = options;
  if (!DNS_LABEL.test(name) || name.includes('contoso')) {
    throw new Error(
      `graph-sim: tenant name '${name}' must be a lower-case DNS label (letters, digits, inner hyphens, at most 63) other than contoso`,
    );
  }
  const grade = options.grade ?? postureGradeOf(options.seed);
  if (!POSTURE_GRADES.includes(grade)) {
    throw new Error(`graph-sim: grade '${String(grade)}' must be one of ${POSTURE_GRADES.join(', ')}`);
  }
  const seed = `tenant/${String(options.seed)}`;
  const now = options.now ?? new Date();
  const random = seededRandom(seed);
  // 0 (every drawn setting at its weakest) to 1 (hardened). A graded tenant hardens every service
  // whose gaps CIS rates high; a good one its DNS too (the warning one keeps the drawn records).
  const drawn = random();
  const hygiene = grade === 'good' ? 1 : drawn;
  const hardened = grade !== 'critical';
  const tenantId = stableGuid(`tenant-id:${seed}`);
  const displayName = options.displayName ?? titleCase(name);
  const brand = { name, displayName, tenantId };

  const demo = createDemoTenant({ now });
  demo.security.secureScores = demo.security.secureScores.slice(0, SECURE_SCORE_DAYS);
  const directory = generateDirectory({ users: options.users ?? 0, seed, now });
  const compliance = demoCompliance(now);
  if (grade !== 'critical') {
    // On the demo's (Contoso) data, before the rebrand renames it: the graders name its people.
    gradeIdentity(directory, grade, now);
    gradeEntraPolicies(directory, compliance, grade, now);
    gradeSecurity(demo.security, grade, now);
    gradeSharePoint(demo.sharepoint, grade, now);
  }
  // What is drawn replaces the demo's, then everything is renamed at once.
  const tenant: Tenant = rebrand(
    {
      ...demo,
      directory,
      compliance,
      exchange: generateExchange({ seed, users: directory.users, hardened }),
      defender: generateDefender({
        seed,
        now,
        hardened,
        ...(hardened ? { priorityAccountUpns: [...PRIORITY_ACCOUNT_UPNS] } : {}),
      }),
      purview: generatePurview({ seed, now, hardened: grade === 'good' }),
      teams: generateTeams({ seed, hardenedRatio: hardened ? 1 : hygiene }),
      fabric: generateFabric({ seed, hardened }),
      sharepointAdmin: generateSharePointAdmin({ seed, hardened }),
    },
    brand,
  );
  tenant.id = tenantId;
  tenant.displayName = displayName;
  tenant.initialDomain = `${name}.onmicrosoft.com`;
  tenant.sharepointHost = `${name}.sharepoint.com`;
  tenant.dns = dnsZone(name, hygiene, random);
  return tenant;
}

/**
 * The tenant's mail domains in DNS (the demo's three, renamed), each record kept or weakened by a
 * draw that the tenant's hygiene biases: SPF, DMARC's policy, DKIM's second selector.
 */
function dnsZone(name: string, hygiene: number, random: () => number): DnsZone {
  const initial = `${name}.onmicrosoft.com`;
  const primary = `${name}.com`;
  const legacy = `fabrikam-legacy.${name}.com`;
  const good = () => random() < 0.3 + 0.7 * hygiene;
  const dmarcPolicy = (): string => (good() ? 'reject' : good() ? 'quarantine' : 'none');
  const dkim = (selector: string, domain: string) =>
    `${selector}-${domain.replaceAll('.', '-')}._domainkey.${initial}`;
  const txt: Record<string, string[]> = {
    [primary]: [...(good() ? [MICROSOFT_SPF] : []), `MS=ms${Math.floor(random() * 1e8)}`],
    [`_dmarc.${primary}`]: [`v=DMARC1; p=${dmarcPolicy()}; rua=mailto:dmarc-reports@${primary}`],
    [initial]: [MICROSOFT_SPF],
    [`_dmarc.${initial}`]: [`v=DMARC1; p=${dmarcPolicy()}; rua=mailto:dmarc-reports@${primary}`],
    [legacy]: [...(good() ? [MICROSOFT_SPF] : []), `MS=ms${Math.floor(random() * 1e8)}`],
  };
  const cname: Record<string, string> = {
    [`selector1._domainkey.${primary}`]: dkim('selector1', primary),
    [`selector1._domainkey.${legacy}`]: dkim('selector1', legacy),
  };
  if (good()) cname[`selector2._domainkey.${primary}`] = dkim('selector2', primary);
  if (good()) cname[`selector2._domainkey.${legacy}`] = dkim('selector2', legacy);
  return { txt, cname, faults: {} };
}
