// Fuzzes the four servers' tools over stdio, as a careless or hostile MCP client would call them,
// and checks invariants on every answer (alive, exactly one answer, no hang, no internal error, no
// raw control or bidi characters, no secret anywhere, every call audited, the audit log verifies).
//
//   node apps/m365-posture/fuzz/fuzz-tools.ts [--cases 1000] [--seed <s>] [--server <name>]...
//                                             [--only-case <i>] [--timeout-ms 60000] [--show-server-stderr]
//
// Needs the servers built (`pnpm run build`). Exit code 1 on any broken invariant; every failure is
// printed with the command that replays it (the seed is printed either way).
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { discoverServers, KNOWN_SERVERS } from '@m365-mcp/m365-posture';
import { formatReport } from './format-report.ts';
import { runFuzz } from './run-fuzz.ts';

function positiveInteger(
  name: string,
  text: string | undefined,
  fallback: number,
  allowZero = false,
): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < (allowZero ? 0 : 1)) {
    throw new Error(`--${name} expects a ${allowZero ? 'non-negative' : 'positive'} integer, got "${text}"`);
  }
  return value;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      cases: { type: 'string' },
      seed: { type: 'string' },
      server: { type: 'string', multiple: true },
      'only-case': { type: 'string' },
      'timeout-ms': { type: 'string' },
      'show-server-stderr': { type: 'boolean', default: false },
    },
  });
  const names = values.server ?? [...KNOWN_SERVERS];
  const unknown = names.filter((name) => !(KNOWN_SERVERS as readonly string[]).includes(name));
  if (unknown.length > 0)
    throw new Error(`unknown server ${unknown.join(', ')}; known: ${KNOWN_SERVERS.join(', ')}`);
  const servers = discoverServers(names);
  const missing = names.filter((name) => !servers.some((s) => s.name === name));
  if (missing.length > 0) throw new Error(`not built: ${missing.join(', ')} (run \`pnpm run build\` first)`);

  const seed = values.seed ?? randomBytes(4).toString('hex');
  const cases = positiveInteger('cases', values.cases, 1000);
  const onlyCase =
    values['only-case'] === undefined
      ? undefined
      : positiveInteger('only-case', values['only-case'], 0, true);
  const timeoutMs = positiveInteger('timeout-ms', values['timeout-ms'], 60_000);
  console.log(
    `Fuzzing ${servers.map((s) => s.name).join(', ')}: seed ${seed}, ${onlyCase === undefined ? `${cases} cases a server` : `case ${onlyCase} only`}`,
  );
  const summaries = await runFuzz(
    servers,
    {
      seed,
      cases,
      timeoutMs,
      showServerStderr: values['show-server-stderr'],
      ...(onlyCase === undefined ? {} : { onlyCase }),
    },
    (done) => console.error(`${done.server}: ${done.cases} cases done, ${done.failures.length} failures`),
  );
  console.log(formatReport(summaries, seed, cases));
  return summaries.some((s) => s.failures.length > 0) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`fuzz-tools: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
