// Fuzzes one server: starts its built bin on stdio (writes enabled, a configured secret, a scratch
// audit log), reads tools/list, sends every case and checks each answer, then ends the session and
// verifies the audit log.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LATEST_PROTOCOL_VERSION } from '@modelcontextprotocol/sdk/types.js';
import { caseKinds, type FuzzCase, generateCase, type ListedTool } from './generate-case.ts';
import {
  AuditTail,
  answerText,
  checkAnswer,
  type Invariant,
  isToolError,
  SecretScanner,
} from './invariants.ts';
import { caseRandom } from './prng.ts';
import { type JsonRpcAnswer, type Outcome, StdioPeer } from './stdio-peer.ts';

export interface ServerUnderTest {
  name: string;
  command: string;
  args: string[];
  /** Credentials and trust for graph-sim, with HOME and the audit key file. */
  env: Record<string, string>;
  /** What the server is configured with and must never say: the client secret, the audit key. */
  secrets: string[];
  auditLog: string;
}

export interface Failure {
  server: string;
  /** The case index, or null for what is checked once per server (stdout, stderr, the audit log). */
  caseIndex: number | null;
  kind: string;
  description: string;
  invariant: Invariant;
  message: string;
}

export interface ServerSummary {
  server: string;
  tools: number;
  cases: number;
  /** Answers that were tool results (isError false). */
  results: number;
  toolErrors: number;
  /** Answers that were JSON-RPC errors. */
  protocolErrors: number;
  /** Raw malformed lines sent, and how many of those owing no answer got one anyway. */
  malformedLines: number;
  malformedAnswered: number;
  /** The case that took longest to answer (information only: no timing is asserted). */
  slowest?: { index: number; kind: string; ms: number };
  failures: Failure[];
}

export interface FuzzOptions {
  seed: string;
  cases: number;
  /** Run only this case (after the handshake), to replay a failure. */
  onlyCase?: number;
  /** The watchdog for one answer; going past it is a failure (a hang), not a timing assertion. */
  timeoutMs: number;
  /** Copy each server's stderr to ours (for a replay). */
  showServerStderr?: boolean;
}

/** mcp-kit's MAX_STDIO_LINE_BYTES: a longer request line is refused unread, answered with id null. */
const MAX_STDIO_LINE_BYTES = 4 * 1024 * 1024;

const auditBin = fileURLToPath(new URL('../../../packages/audit-log/bin/m365-audit.js', import.meta.url));

function verifyAuditLog(path: string, env: Record<string, string>): Promise<{ ok: boolean; said: string }> {
  if (!existsSync(auditBin)) {
    return Promise.resolve({ ok: false, said: `${auditBin} not found: build packages/audit-log` });
  }
  return new Promise((resolve) => {
    execFile(process.execPath, [auditBin, 'verify', path], { env }, (error, stdout, stderr) =>
      resolve({ ok: error === null, said: `${stdout}${stderr}`.trim() }),
    );
  });
}

/** Each secret, and a fragment long enough to be unmistakable: a leak of part of one is still a leak. */
function secretNeedles(secrets: readonly string[]): string[] {
  return secrets.flatMap((secret) => [secret, secret.slice(-24)]);
}

export async function fuzzServer(server: ServerUnderTest, options: FuzzOptions): Promise<ServerSummary> {
  const summary: ServerSummary = {
    server: server.name,
    tools: 0,
    cases: 0,
    results: 0,
    toolErrors: 0,
    protocolErrors: 0,
    malformedLines: 0,
    malformedAnswered: 0,
    failures: [],
  };
  const needles = secretNeedles(server.secrets);
  const scanners = {
    stdout: new SecretScanner(needles),
    stderr: new SecretScanner(needles),
    audit: new SecretScanner(needles),
  };
  const stdoutNoise: string[] = [];
  let current: FuzzCase | undefined;
  /** The cases sent so far by request id (what to report, not the lines), for answers that come late. */
  const sent = new Map<number, Pick<FuzzCase, 'index' | 'kind' | 'description'>>();
  const fail = (
    invariant: Invariant,
    message: string,
    fuzzCase: Pick<FuzzCase, 'index' | 'kind' | 'description'> | undefined = current,
  ) => {
    summary.failures.push({
      server: server.name,
      caseIndex: fuzzCase?.index ?? null,
      kind: fuzzCase?.kind ?? 'session',
      description: fuzzCase?.description ?? `${server.name} session`,
      invariant,
      message,
    });
  };

  const peer = new StdioPeer(
    server.command,
    [...server.args, '--allow-writes', '--audit-log', server.auditLog],
    server.env,
    {
      onOutput: (stream, text) => {
        scanners[stream].scan(text);
        if (stream === 'stderr' && options.showServerStderr) process.stderr.write(text);
      },
      onNoise: (line) => stdoutNoise.push(line.slice(0, 160)),
      // A stray answer can come while a later case is under way: it is the case with its id that broke.
      onStrayAnswer: (answer, why) =>
        fail('one-answer', why, typeof answer.id === 'number' ? sent.get(answer.id) : current),
    },
  );
  const audit = new AuditTail(server.auditLog, scanners.audit);

  /** Checks an outcome; false when the server is gone or stuck and fuzzing it further is pointless. */
  const judge = (outcome: Outcome, what: string): JsonRpcAnswer | undefined => {
    if (outcome.kind === 'exited') {
      fail(
        'alive',
        `the server exited (code ${outcome.code}, signal ${outcome.signal}) before answering ${what}`,
      );
      return undefined;
    }
    if (outcome.kind === 'timeout') {
      fail('no-hang', `no answer to ${what} within ${options.timeoutMs} ms`);
      return undefined;
    }
    for (const violation of checkAnswer(outcome.answer, needles))
      fail(violation.invariant, violation.message);
    return outcome.answer;
  };

  try {
    const init = await peer.request(
      'initialize',
      JSON.stringify({
        jsonrpc: '2.0',
        id: 'initialize',
        method: 'initialize',
        params: {
          protocolVersion: LATEST_PROTOCOL_VERSION,
          capabilities: {},
          clientInfo: { name: 'm365-fuzz', version: '0.0.0' },
        },
      }),
      options.timeoutMs,
    );
    if (!judge(init, 'initialize')) return summary;
    peer.send(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }));
    const list = judge(
      await peer.request(
        'tools/list',
        '{"jsonrpc":"2.0","id":"tools/list","method":"tools/list"}',
        options.timeoutMs,
      ),
      'tools/list',
    );
    const tools = ((list?.result as { tools?: ListedTool[] } | undefined)?.tools ?? []).filter(
      (tool) => typeof tool.name === 'string',
    );
    summary.tools = tools.length;
    if (tools.length === 0) {
      fail('alive', `tools/list gave no tools: ${list ? answerText(list) : 'no answer'}`);
      return summary;
    }

    // Owed no answer, but the server must still be there: the next request proves it.
    const pingAfter = async (index: number) =>
      judge(
        await peer.request(
          `ping-${index}`,
          `{"jsonrpc":"2.0","id":"ping-${index}","method":"ping"}`,
          options.timeoutMs,
        ),
        `the ping after case ${index}`,
      ) !== undefined;

    const indexes =
      options.onlyCase === undefined
        ? Array.from({ length: options.cases }, (_, i) => i)
        : [options.onlyCase];
    for (const index of indexes) {
      current = generateCase(index, tools, caseRandom(options.seed, server.name, index));
      if (current.id !== null)
        sent.set(current.id, { index, kind: current.kind, description: current.description });
      summary.cases += 1;
      audit.newLines();
      const started = performance.now();
      let answer: JsonRpcAnswer | undefined;
      if (Buffer.byteLength(current.line) > MAX_STDIO_LINE_BYTES) {
        // Refused unread, so its id is unknown: the answer is an error with id null, before the next one's.
        if (current.kind === 'malformed-json-rpc') summary.malformedLines += 1;
        const before = peer.nullIdAnswers;
        peer.send(current.line);
        if (!(await pingAfter(index))) break;
        if (peer.nullIdAnswers === before)
          fail('one-answer', 'a request over the stdio line limit got no answer');
        else if (current.kind === 'malformed-json-rpc') summary.malformedAnswered += 1;
        else summary.protocolErrors += 1;
        continue;
      }
      if (current.expectAnswer && current.id !== null) {
        answer = judge(await peer.request(current.id, current.line, options.timeoutMs), `case ${index}`);
        if (!answer) {
          if (peer.exit) break;
          continue;
        }
      } else {
        summary.malformedLines += 1;
        peer.send(current.line, current.id ?? undefined);
        if (!(await pingAfter(index))) break;
        const late = current.id === null ? undefined : peer.optionalAnswers.get(current.id);
        if (late) {
          summary.malformedAnswered += 1;
          for (const violation of checkAnswer(late, needles)) fail(violation.invariant, violation.message);
        }
        continue;
      }
      const ms = performance.now() - started;
      if (ms > (summary.slowest?.ms ?? -1)) summary.slowest = { index, kind: current.kind, ms };
      if (answer.error) summary.protocolErrors += 1;
      else if (isToolError(answer)) summary.toolErrors += 1;
      else summary.results += 1;
      // The audit line is written (and flushed) before the answer goes back: it is there by now.
      const lines = audit.newLines();
      if (current.audited && lines === 0)
        fail('audited', `no audit line for this call (${excerptOf(answer)})`);
    }
    current = undefined;
  } finally {
    const exit = await peer.close(options.timeoutMs);
    current = undefined;
    if (exit.killed) fail('clean-exit', `did not exit within ${options.timeoutMs} ms of its stdin closing`);
    else if (exit.code !== 0 && summary.failures.every((f) => f.invariant !== 'alive'))
      fail('clean-exit', `exited with code ${exit.code} (signal ${exit.signal}) when its stdin closed`);
  }

  audit.newLines();
  if (stdoutNoise.length > 0)
    fail(
      'clean-stdout',
      `${stdoutNoise.length} stdout lines were not JSON-RPC, first: ${JSON.stringify(stdoutNoise[0])}`,
    );
  for (const [where, scanner] of Object.entries(scanners))
    if (scanner.found)
      fail('no-secret', `a configured secret appears in ${where === 'audit' ? 'the audit log' : where}`);
  const verified = await verifyAuditLog(server.auditLog, server.env);
  if (!verified.ok) fail('audit-verifies', `m365-audit verify failed: ${verified.said.slice(0, 300)}`);
  return summary;
}

function excerptOf(answer: JsonRpcAnswer): string {
  const text = answerText(answer).slice(0, 100);
  return answer.error ? `JSON-RPC error ${String(answer.error.code)}: ${text}` : text;
}

export const caseKindCount = caseKinds.length;
