import { createHmac, randomBytes } from 'node:crypto';
import { link, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { inspect } from 'node:util';
import { AuditLogError } from './errors.js';
import { defaultRedactor } from './redact.js';

/** Below this a key is guessable; `openssl rand -hex 32` gives 64 characters. */
export const MIN_AUDIT_KEY_LENGTH = 32;

/** The scheme a keyed line names in its `mac` field. */
export const AUDIT_MAC_SCHEME = 'hmac-sha256';

function derive(secret: Buffer, purpose: string): Buffer {
  return createHmac('sha256', secret).update(purpose).digest();
}

/**
 * The secret that seals audit lines and checkpoints. Lines and checkpoints use keys derived from it
 * for one purpose each, so a MAC made for one can never pass as the other. The secret itself is
 * never exposed: the object prints and serialises as its key id only.
 */
export class AuditKey {
  /** 16 hex characters that name the key (a MAC of a fixed text): safe to write beside the lines. */
  readonly id: string;
  readonly #recordKey: Buffer;
  readonly #checkpointKey: Buffer;

  private constructor(secret: Buffer) {
    this.id = derive(secret, 'm365-audit/key-id/v1').toString('hex').slice(0, 16);
    this.#recordKey = derive(secret, 'm365-audit/record/v1');
    this.#checkpointKey = derive(secret, 'm365-audit/checkpoint/v1');
  }

  /** A key from its text (a key file's content, a vault secret); `source` names it in errors. */
  static fromSecret(text: string, source = 'the audit key'): AuditKey {
    const secret = text.trim();
    if (secret.length < MIN_AUDIT_KEY_LENGTH) {
      throw new AuditLogError(
        `${source} is too short (${secret.length} characters): an audit key needs at least ${MIN_AUDIT_KEY_LENGTH}; make one with "openssl rand -hex 32".`,
      );
    }
    // The key must never reach an audit line or a log line, whatever a tool is handed.
    defaultRedactor.registerSecret(secret);
    return new AuditKey(Buffer.from(secret, 'utf8'));
  }

  macRecord(canonical: string): string {
    return createHmac('sha256', this.#recordKey).update(canonical).digest('hex');
  }

  macCheckpoint(canonical: string): string {
    return createHmac('sha256', this.#checkpointKey).update(canonical).digest('hex');
  }

  toJSON(): { keyId: string } {
    return { keyId: this.id };
  }

  toString(): string {
    return `AuditKey(${this.id})`;
  }

  [inspect.custom](): string {
    return this.toString();
  }
}

/**
 * Reads a key file. Like an SSH private key, a key file other users can read or write is refused:
 * whoever reads it can reseal the log.
 */
export async function loadAuditKeyFile(path: string): Promise<AuditKey> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new AuditLogError(
      `Cannot read the audit key file ${path} (${code}). Create one with "openssl rand -hex 32 > ${path} && chmod 600 ${path}", or point --audit-key-file / M365_AUDIT_KEY_FILE at the right file.`,
    );
  }
  if (!info.isFile()) throw new AuditLogError(`The audit key file ${path} is not a regular file.`);
  if (process.platform !== 'win32' && (info.mode & 0o077) !== 0) {
    const mode = (info.mode & 0o777).toString(8).padStart(3, '0');
    throw new AuditLogError(
      `The audit key file ${path} is open to other users (mode ${mode}); anyone who can read it can reseal the audit log. Run "chmod 600 ${path}".`,
    );
  }
  return AuditKey.fromSecret(await readFile(path, 'utf8'), `The audit key file ${path}`);
}

/**
 * Makes a new random key file (mode 0600, its directory 0700) and fails with EEXIST if one already
 * exists, so a key is never silently replaced. The key is written whole to a private temporary file
 * and then linked into place: a client starting all its servers at once on first use has them race
 * here, and a loser must never read a half-written key (link either publishes the whole file or
 * fails because another process published first).
 */
export async function createAuditKeyFile(path: string): Promise<AuditKey> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString('hex');
  const temporary = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temporary, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  try {
    await link(temporary, path);
  } finally {
    await rm(temporary, { force: true });
  }
  return AuditKey.fromSecret(secret);
}

/** Loads the key file, or, when `create` is set and there is none, makes it. */
export async function loadOrCreateAuditKeyFile(
  path: string,
  options: { create: boolean },
): Promise<{ key: AuditKey; created: boolean }> {
  if (options.create) {
    try {
      return { key: await createAuditKeyFile(path), created: true };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return { key: await loadAuditKeyFile(path), created: false };
}
