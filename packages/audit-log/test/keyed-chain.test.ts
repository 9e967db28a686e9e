import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditKey, defaultCheckpointPath, openAuditLog, verifyAuditLog } from '../src/index.js';
import { editAndReseal, otherKey, parseRecord, publicAlgorithm, sha256KeepingMacFields } from './forge.js';
import { entry, makeKey, readLines, withTempDir, writeKeyedLog, writeLines } from './helpers.js';

const refuse = (record: { outcome: string }) => {
  record.outcome = 'refused';
};

describe('a keyed audit log', () => {
  it('seals every line with an HMAC named on the line, never the key itself, and verifies with the key', () =>
    withTempDir(async (dir) => {
      const { keyFile, key } = await makeKey(dir);
      const path = join(dir, 'audit.jsonl');
      const lines = await writeKeyedLog(path, key, 3);
      const secret = (await readFile(keyFile, 'utf8')).trim();

      for (const line of lines) {
        expect(parseRecord(line)).toMatchObject({ mac: 'hmac-sha256', keyId: key.id });
      }
      const text = await readFile(path, 'utf8');
      const checkpoint = await readFile(defaultCheckpointPath(path), 'utf8');
      expect(text).not.toContain(secret);
      expect(checkpoint).not.toContain(secret);
      expect(JSON.stringify(key)).not.toContain(secret);
      expect(String(key)).toBe(`AuditKey(${key.id})`);

      expect(await verifyAuditLog(path, { key })).toEqual({ ok: true, lines: 3, warnings: [] });
    }));

  it('finds a line edited and resealed with the public algorithm, from the line edited', () =>
    withTempDir(async (dir) => {
      const { key } = await makeKey(dir);
      const path = join(dir, 'audit.jsonl');
      const lines = await writeKeyedLog(path, key, 5);

      // The MAC fields dropped: unkeyed lines after keyed ones.
      await writeLines(path, editAndReseal(lines, 1, refuse, publicAlgorithm));
      expect(await verifyAuditLog(path, { key })).toMatchObject({
        ok: false,
        line: 2,
        reason: expect.stringMatching(/unkeyed line after keyed ones/),
      });

      // The MAC fields kept, the hash recomputed the way anyone can.
      await writeLines(path, editAndReseal(lines, 1, refuse, sha256KeepingMacFields));
      expect(await verifyAuditLog(path, { key })).toMatchObject({
        ok: false,
        line: 2,
        reason: expect.stringMatching(/MAC mismatch/),
      });
    }));

  it('finds a whole log resealed with the public algorithm by its checkpoint', () =>
    withTempDir(async (dir) => {
      const { key } = await makeKey(dir);
      const path = join(dir, 'audit.jsonl');
      const lines = await writeKeyedLog(path, key, 5);
      await writeLines(path, editAndReseal(lines, 0, refuse, publicAlgorithm));
      expect(await verifyAuditLog(path, { key })).toMatchObject({
        ok: false,
        line: 5,
        reason: expect.stringMatching(/not the line the checkpoint .* records/),
      });
    }));

  it('finds a log resealed with another key, even when the lines claim the right key id', () =>
    withTempDir(async (dir) => {
      const { key } = await makeKey(dir);
      const attacker = AuditKey.fromSecret('f'.repeat(64));
      const path = join(dir, 'audit.jsonl');
      const lines = await writeKeyedLog(path, key, 4);

      await writeLines(path, editAndReseal(lines, 2, refuse, otherKey(attacker)));
      expect(await verifyAuditLog(path, { key })).toMatchObject({
        ok: false,
        line: 3,
        reason: expect.stringMatching(`sealed with another key \\(key id ${attacker.id}`),
      });

      await writeLines(path, editAndReseal(lines, 2, refuse, otherKey(attacker, key.id)));
      expect(await verifyAuditLog(path, { key })).toMatchObject({
        ok: false,
        line: 3,
        reason: expect.stringMatching(/MAC mismatch/),
      });
    }));

  it('says so when verified with the wrong key', () =>
    withTempDir(async (dir) => {
      const { key } = await makeKey(dir);
      const path = join(dir, 'audit.jsonl');
      await writeKeyedLog(path, key, 2);
      const wrong = AuditKey.fromSecret('0123456789abcdef'.repeat(4));
      const result = await verifyAuditLog(path, { key: wrong });
      expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/sealed with another key/) });

      await rm(defaultCheckpointPath(path));
      expect(await verifyAuditLog(path, { key: wrong })).toMatchObject({
        ok: false,
        line: 1,
        reason: expect.stringMatching(`key id ${key.id}; the given key's id is ${wrong.id}`),
      });
    }));

  it('finds lines cut from the end, naming them', () =>
    withTempDir(async (dir) => {
      const { key } = await makeKey(dir);
      const path = join(dir, 'audit.jsonl');
      const lines = await writeKeyedLog(path, key, 5);

      await writeLines(path, lines.slice(0, 3));
      expect(await verifyAuditLog(path, { key })).toMatchObject({
        ok: false,
        line: 4,
        reason: expect.stringMatching(/ends at line 3 .* records line 5: lines 4\.\.5 were cut from the end/),
      });

      await writeLines(path, lines.slice(0, 4));
      expect(await verifyAuditLog(path, { key })).toMatchObject({
        ok: false,
        line: 5,
        reason: expect.stringMatching(/line 5 was cut from the end/),
      });
    }));

  it('finds an emptied file', () =>
    withTempDir(async (dir) => {
      const { key } = await makeKey(dir);
      const path = join(dir, 'audit.jsonl');
      await writeKeyedLog(path, key, 3);
      await writeFile(path, '');
      expect(await verifyAuditLog(path, { key })).toMatchObject({
        ok: false,
        line: 1,
        reason: expect.stringMatching(/emptied: lines 1\.\.3 were removed/),
      });
      // Without the key the checkpoint is still compared (but cannot be trusted).
      expect(await verifyAuditLog(path)).toMatchObject({ ok: false, line: 1 });
    }));

  it('refuses a checkpoint edited to hide a truncation', () =>
    withTempDir(async (dir) => {
      const { key } = await makeKey(dir);
      const path = join(dir, 'audit.jsonl');
      const lines = await writeKeyedLog(path, key, 4);
      const checkpointPath = defaultCheckpointPath(path);
      const two = parseRecord(lines[1]);
      const checkpoint = JSON.parse(await readFile(checkpointPath, 'utf8')) as Record<string, unknown>;
      await writeFile(checkpointPath, JSON.stringify({ ...checkpoint, seq: 2, hash: two.hash }));
      await writeLines(path, lines.slice(0, 2));
      expect(await verifyAuditLog(path, { key })).toMatchObject({
        ok: false,
        reason: expect.stringMatching(/checkpoint .* cannot be trusted: its MAC does not match/),
      });
    }));

  it('says what it could not check: no checkpoint, no key', () =>
    withTempDir(async (dir) => {
      const { key } = await makeKey(dir);
      const path = join(dir, 'audit.jsonl');
      await writeKeyedLog(path, key, 2);

      const withoutKey = await verifyAuditLog(path);
      expect(withoutKey).toMatchObject({ ok: true, lines: 2 });
      expect(withoutKey.warnings.join('\n')).toMatch(/2 keyed line\(s\) were not authenticated/);
      expect(withoutKey.warnings.join('\n')).toMatch(/compared but not authenticated/);

      await rm(defaultCheckpointPath(path));
      const withoutCheckpoint = await verifyAuditLog(path, { key });
      expect(withoutCheckpoint).toMatchObject({ ok: true, lines: 2 });
      expect(withoutCheckpoint.warnings).toEqual([
        expect.stringMatching(/no checkpoint .* only the chain was checked/),
      ]);
    }));

  it('continues an unkeyed log with keyed lines, and says the old lines can be resealed', () =>
    withTempDir(async (dir) => {
      const { key } = await makeKey(dir);
      const path = join(dir, 'audit.jsonl');
      const unkeyed = await openAuditLog(path, { server: 's' });
      await unkeyed.append(entry());
      await unkeyed.append(entry());
      await unkeyed.close();

      const keyed = await openAuditLog(path, { server: 's', key });
      expect(keyed.warnings).toEqual([expect.stringMatching(/written without a key \(lines 1\.\.2\)/)]);
      const third = await keyed.append(entry());
      await keyed.close();
      expect(third).toMatchObject({ seq: 3, mac: 'hmac-sha256', keyId: key.id });

      const result = await verifyAuditLog(path, { key });
      expect(result).toMatchObject({ ok: true, lines: 3 });
      expect(result.warnings).toEqual([expect.stringMatching(/lines 1\.\.2 are unkeyed/)]);

      // Once keyed, an unkeyed writer may not add to it.
      await expect(openAuditLog(path, { server: 's' })).rejects.toThrow(
        /without its key: its lines are keyed/,
      );
    }));

  it('refuses a line with a duplicated key, which JSON.parse would silently resolve', () =>
    withTempDir(async (dir) => {
      const { key } = await makeKey(dir);
      const path = join(dir, 'audit.jsonl');
      const lines = await writeKeyedLog(path, key, 3);
      // A reader keeping the first value sees "refused"; JSON.parse keeps the last, so the MAC holds.
      lines[1] = (lines[1] ?? '').replace('{', '{"outcome":"refused",');
      await writeLines(path, lines);
      expect(await verifyAuditLog(path, { key })).toMatchObject({
        ok: false,
        line: 2,
        reason: expect.stringMatching(/the key "outcome" appears twice/),
      });
    }));

  it('refuses a duplicated key on an unkeyed line too', () =>
    withTempDir(async (dir) => {
      const path = join(dir, 'audit.jsonl');
      const log = await openAuditLog(path, { server: 's' });
      await log.append(entry({ arguments: { filter: 'a' } }));
      await log.close();
      const [line] = await readLines(path);
      await writeLines(path, [(line ?? '').replace('"filter":"a"', '"filter":"b","filter":"a"')]);
      expect(await verifyAuditLog(path)).toMatchObject({
        ok: false,
        line: 1,
        reason: expect.stringMatching(/"arguments\.filter" appears twice/),
      });
    }));
});
