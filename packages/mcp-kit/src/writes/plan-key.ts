import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { inspect } from 'node:util';
import type { AuditKey } from '@m365-mcp/audit-log';

// The key that signs stored write plans. A plan in a database (or a file) is a capability to change
// a tenant: whoever can write that table must not be able to make, re-target or extend a plan. The
// MAC over each plan is made with this key, which lives outside the store.

/** Below this a key is guessable; `openssl rand -hex 32` gives 64 characters. */
export const MIN_PLAN_KEY_LENGTH = 32;

/** Names the variable an operator sets to a key file. */
export const planKeyFileVariable = 'M365_MCP_PLAN_KEY_FILE';

/** The HKDF `info` of the plan key derived from the audit key: one purpose, one key. */
const derivationInfo = 'm365-mcp/write-plans/mac/v1';

/**
 * An HMAC-SHA256 key for plans. It prints and serialises as its id only; the bytes never leave.
 * `source` says where it came from (for the start-up line), never what it is.
 */
export class PlanKey {
  readonly id: string;
  readonly source: 'key-file' | 'audit-key' | 'random';
  readonly #secret: Buffer;

  constructor(secret: Buffer, source: PlanKey['source']) {
    if (secret.length < 32) throw new Error('a plan key needs at least 32 bytes');
    this.#secret = Buffer.from(secret);
    this.source = source;
    this.id = createHmac('sha256', this.#secret)
      .update('m365-mcp/write-plans/key-id/v1')
      .digest('hex')
      .slice(0, 16);
  }

  mac(canonical: string): string {
    return createHmac('sha256', this.#secret).update(canonical).digest('hex');
  }

  toJSON(): { keyId: string } {
    return { keyId: this.id };
  }

  toString(): string {
    return `PlanKey(${this.id})`;
  }

  [inspect.custom](): string {
    return this.toString();
  }
}

/** A key for this process only: plans signed with it die with the process (the memory store). */
export function randomPlanKey(): PlanKey {
  return new PlanKey(randomBytes(32), 'random');
}

/**
 * The plan key derived from the audit key the server already has (HKDF-SHA256). The audit key's
 * secret is not exposed by AuditKey, so the input keying material is its record MAC of a fixed
 * text: secret, stable for the key, and never a MAC of an audit line (those are JSON objects).
 */
export function derivePlanKey(auditKey: AuditKey): PlanKey {
  const material = Buffer.from(auditKey.macRecord('m365-mcp write-plan key material v1'), 'hex');
  const derived = hkdfSync('sha256', material, Buffer.from('m365-mcp write plans'), derivationInfo, 32);
  return new PlanKey(Buffer.from(derived), 'audit-key');
}

/**
 * Reads a plan key file (its text, at least 32 characters). Like an SSH private key, a file other
 * users can read or write is refused: whoever reads it can sign plans.
 */
export async function loadPlanKeyFile(path: string): Promise<PlanKey> {
  let mode: number;
  try {
    mode = (await stat(path)).mode;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new Error(
      `Cannot read the write-plan key file ${path} (${code}). Create one with "openssl rand -hex 32 > ${path} && chmod 600 ${path}", or point ${planKeyFileVariable} at the right file.`,
    );
  }
  if ((mode & 0o077) !== 0) {
    throw new Error(
      `The write-plan key file ${path} can be read or written by other users (mode ${(mode & 0o777).toString(8)}); run "chmod 600 ${path}".`,
    );
  }
  const text = (await readFile(path, 'utf8')).trim();
  if (text.length < MIN_PLAN_KEY_LENGTH) {
    throw new Error(
      `The write-plan key file ${path} is too short (${text.length} characters): a plan key needs at least ${MIN_PLAN_KEY_LENGTH}; make one with "openssl rand -hex 32".`,
    );
  }
  return new PlanKey(Buffer.from(text, 'utf8'), 'key-file');
}
