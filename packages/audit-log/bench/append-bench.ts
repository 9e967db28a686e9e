// Benchmark of appends (`pnpm bench`, after a build): keyed appends per second by one writer, each
// on disk (fdatasync) and checkpointed before it resolves, as a server writes them. Prints the
// result of one run on this machine; it is not a timed test.
//
//   node bench/append-bench.ts [--appends 2000]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { AuditKey, openAuditLog } from '@m365-mcp/audit-log';

const { values } = parseArgs({ options: { appends: { type: 'string', default: '2000' } } });
const appends = Number(values.appends);

const dir = await mkdtemp(join(tmpdir(), 'audit-bench-'));
try {
  const key = AuditKey.fromSecret('bench-key-0123456789abcdef0123456789abcdef');
  const log = await openAuditLog(join(dir, 'bench.jsonl'), { server: 'm365-bench', key });
  const entry = {
    tool: 'list_users',
    caller: 'bench',
    session: 's1',
    arguments: { limit: 10 },
    outcome: 'ok' as const,
    durationMs: 12,
    requestIds: ['5b0e4b1e-8f1c-4c55-9a55-0a3e4a7b2c11'],
  };
  const started = process.hrtime.bigint();
  for (let index = 0; index < appends; index += 1) await log.append(entry);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await log.close();
  process.stdout.write(
    `${appends} keyed appends by one writer: ${(appends / seconds).toFixed(0)} appends/s (${((seconds * 1000) / appends).toFixed(2)} ms each)\n`,
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
