// The Exchange Online part of the large-tenant generator: one mailbox per licensed member of the
// given directory (the demo's by default; pass generateDirectory's users for a large tenant), a few
// of them shared mailboxes, audit settings and organisation settings drawn from the seed so that
// some CIS checks fail and most pass. Deterministic: the same options give the same data.
import { createHash } from 'node:crypto';
import { demoUsers } from '../demo/directory/users.js';
import {
  bypassOf,
  DEFAULT_ROLE_ASSIGNMENT_POLICY,
  DEFAULT_ROLE_ASSIGNMENT_ROLES,
  demoExchange,
  mailboxOf,
  roleAssignmentPolicy,
} from '../demo/exchange.js';
import type { GraphUser } from '../directory.js';
import type { ExchangeData } from '../exchange.js';

export interface GenerateExchangeOptions {
  /** Any string or number; the same seed gives the same data. Default 'contoso'. */
  seed?: string | number;
  /** The directory's users (e.g. generateDirectory(...).users); default the demo directory's. */
  users?: readonly GraphUser[];
  /** Fraction of mailboxes that are shared mailboxes, 0 to 1. Default 0.03. */
  sharedRatio?: number;
  /** Every audited setting at its CIS value (mailbox auditing complete, no bypass). Default false. */
  hardened?: boolean;
}

/** mulberry32 seeded from a hash of the seed, like the directory generator. */
function randomFrom(seed: string): () => number {
  let state = createHash('sha256').update(`exchange/${seed}`).digest().readUInt32LE(0);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const ADD_IN_ROLES = new Set(['My Custom Apps', 'My Marketplace Apps', 'My ReadWriteMailbox Apps']);

export function generateExchange(options: GenerateExchangeOptions = {}): ExchangeData {
  const seed = String(options.seed ?? 'contoso');
  const random = randomFrom(seed);
  const hardened = options.hardened === true;
  const chance = (p: number) => random() < p;
  // A gap drawn with chance p, never in a hardened tenant (the draw is made anyway, so a hardened
  // tenant's mailboxes are the same mailboxes).
  const gap = (p: number) => chance(p) && !hardened;
  const sharedRatio = options.sharedRatio ?? 0.03;
  const users = options.users ?? demoUsers(new Date(0));

  const mailboxes = users
    .filter((u) => u.userType === 'Member' && (u.assignedLicenses?.length ?? 0) > 0)
    .map((u) =>
      mailboxOf(
        { id: u.id, displayName: u.displayName, userPrincipalName: u.userPrincipalName },
        {
          type: chance(sharedRatio) ? 'SharedMailbox' : 'UserMailbox',
          audit: gap(0.1) ? 'default' : 'extended',
          auditEnabled: !gap(0.01),
        },
      ),
    );

  // The demo's settings, each drawn again: a third of tenants miss any one recommendation.
  const base = demoExchange(new Date(0));
  const off = () => gap(1 / 3);
  const restricted = DEFAULT_ROLE_ASSIGNMENT_ROLES.filter((r) => !ADD_IN_ROLES.has(r));
  return {
    ...base,
    organizationConfig: {
      ...base.organizationConfig,
      AuditDisabled: off(),
      CustomerLockBoxEnabled: !off(),
      BookingsEnabled: !off(),
      OAuth2ClientProfileEnabled: !off(),
      MailTipsAllTipsEnabled: !off(),
      MailTipsExternalRecipientsTipsEnabled: !off(),
      MailTipsGroupMetricsEnabled: !off(),
      RejectDirectSend: !off(),
    },
    adminAuditLogConfig: { ...base.adminAuditLogConfig, UnifiedAuditLogIngestionEnabled: !off() },
    transportConfig: { ...base.transportConfig, SmtpClientAuthenticationDisabled: !off() },
    externalInOutlook: { ...base.externalInOutlook, Enabled: !off() },
    roleAssignmentPolicies: [
      roleAssignmentPolicy(
        DEFAULT_ROLE_ASSIGNMENT_POLICY,
        off() ? DEFAULT_ROLE_ASSIGNMENT_ROLES : restricted,
        true,
        base.roleAssignmentPolicies[0]?.Description ?? '',
      ),
    ],
    transportRules: off()
      ? base.transportRules
      : base.transportRules.filter((r) => r.RedirectMessageTo === null),
    mailboxes,
    auditBypassAssociations: mailboxes.map((m) => bypassOf(m, gap(0.002))),
  };
}
