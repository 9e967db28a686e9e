import { chmod, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  AuditKey,
  AuditLogError,
  createAuditKeyFile,
  loadAuditKeyFile,
  loadOrCreateAuditKeyFile,
  openAuditLog,
  REDACTED,
} from '../src/index.js';
import { entry, withTempDir } from './helpers.js';

describe('the audit key', () => {
  it('is made once, mode 0600 in a 0700 directory, and never replaced', () =>
    withTempDir(async (dir) => {
      const path = join(dir, 'keys', 'audit.key');
      const made = await loadOrCreateAuditKeyFile(path, { create: true });
      expect(made.created).toBe(true);
      expect((await stat(path)).mode & 0o777).toBe(0o600);
      expect((await stat(join(dir, 'keys'))).mode & 0o777).toBe(0o700);
      expect((await readFile(path, 'utf8')).trim()).toMatch(/^[0-9a-f]{64}$/);

      const again = await loadOrCreateAuditKeyFile(path, { create: true });
      expect(again).toMatchObject({ created: false });
      expect(again.key.id).toBe(made.key.id);
      await expect(createAuditKeyFile(path)).rejects.toMatchObject({ code: 'EEXIST' });
    }));

  it('made by many servers starting at once: one key, every one of them reads it whole', () =>
    withTempDir(async (dir) => {
      // A client starts all its servers together on first use; each races to make the key.
      const path = join(dir, 'keys', 'audit.key');
      const racers = await Promise.all(
        Array.from({ length: 24 }, () => loadOrCreateAuditKeyFile(path, { create: true })),
      );
      expect(racers.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(racers.map((r) => r.key.id)).size).toBe(1);
      // No private temporary file is left beside the key.
      expect(await readdir(join(dir, 'keys'))).toEqual(['audit.key']);
    }));

  it('refuses a key file other users can read, a short key, and a missing file, saying how to fix it', () =>
    withTempDir(async (dir) => {
      const open = join(dir, 'open.key');
      await writeFile(open, 'a'.repeat(64), { mode: 0o644 });
      await chmod(open, 0o644);
      await expect(loadAuditKeyFile(open)).rejects.toThrow(`open to other users (mode 644)`);
      await expect(loadAuditKeyFile(open)).rejects.toThrow(`chmod 600 ${open}`);

      const short = join(dir, 'short.key');
      await writeFile(short, 'hunter2hunter2\n', { mode: 0o600 });
      await expect(loadAuditKeyFile(short)).rejects.toThrow(
        /too short \(14 characters\).*openssl rand -hex 32/,
      );

      const missing = join(dir, 'missing.key');
      const error = await loadAuditKeyFile(missing).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(AuditLogError);
      expect(String(error)).toMatch(/Cannot read the audit key file .*missing\.key \(ENOENT\)/);
    }));

  it('shows only its id, and its text is scrubbed from audit lines', () =>
    withTempDir(async (dir) => {
      const secret = 'k3y-'.repeat(10);
      const key = AuditKey.fromSecret(secret);
      expect(inspect(key)).toBe(`AuditKey(${key.id})`);
      expect(JSON.stringify({ key })).toBe(`{"key":{"keyId":"${key.id}"}}`);

      const path = join(dir, 'audit.jsonl');
      const log = await openAuditLog(path, { server: 's', key });
      await log.append(entry({ arguments: { note: `the key is ${secret}` } }));
      await log.close();
      const text = await readFile(path, 'utf8');
      expect(text).not.toContain(secret);
      expect(text).toContain(`the key is ${REDACTED}`);
    }));
});
