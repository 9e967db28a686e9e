// What every answer of a server must respect, whatever it was sent, and the scanners that watch
// everything else it writes (stdout, stderr, the audit log) for the configured secret.
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import type { JsonRpcAnswer } from './stdio-peer.ts';

export const invariantNames = [
  'alive',
  'one-answer',
  'no-hang',
  'no-internal-error',
  'no-zod-dump',
  'no-raw-control-characters',
  'no-secret',
  'clean-stdout',
  'audited',
  'audit-verifies',
  'clean-exit',
] as const;
export type Invariant = (typeof invariantNames)[number];

export interface Violation {
  invariant: Invariant;
  message: string;
}

// How an unexpected failure is phrased (packages/mcp-kit/src/tools/error-result.ts, audited-call.ts).
const INTERNAL_PHRASES = [/failed unexpectedly/i, /\(error id [0-9a-f-]{36}\)/i, /Output validation error/];
// A stack frame: "    at fn (file.js:1:2)" or "    at file.js:1:2".
const STACK_FRAME = /\n\s+at (?:.+ \()?(?:file:\/\/|node:|\/)[^\s)]+:\d+:\d+/;
// zod's issue list as JSON ("code": "invalid_type", "path": [...]): a dump, not an explanation.
const ZOD_DUMP =
  /"code":\s*"(?:invalid_type|invalid_union|unrecognized_keys|too_small|too_big|invalid_value|custom)"/;
// C0 and C1 controls other than tab and line breaks, bidi embeddings, overrides, isolates and marks,
// and lone surrogates: characters that hide or reorder what a human reading the answer sees.
const HIDDEN_CHARACTER = /[^\P{Cc}\t\n\r]|[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\p{Cs}]/u;

function* strings(value: unknown, path: string): Generator<[string, string]> {
  if (typeof value === 'string') yield [path, value];
  else if (Array.isArray(value))
    for (const [i, item] of value.entries()) yield* strings(item, `${path}[${i}]`);
  else if (typeof value === 'object' && value !== null)
    for (const [key, inner] of Object.entries(value)) {
      yield [`${path} (a key)`, key];
      yield* strings(inner, `${path}.${key}`);
    }
}

function excerpt(text: string, max = 160): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return cut.replace(/[^\x20-\x7E]/gu, (c) => `\\u{${c.codePointAt(0)?.toString(16)}}`);
}

/** The text a JSON-RPC answer says: the error's message, or the tool result's text content. */
export function answerText(answer: JsonRpcAnswer): string {
  if (answer.error) return String(answer.error.message ?? '');
  const content = (answer.result as { content?: unknown } | undefined)?.content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part: unknown) =>
      typeof part === 'object' && part !== null && 'text' in part ? String(part.text) : '',
    )
    .join('\n');
}

export function isToolError(answer: JsonRpcAnswer): boolean {
  return (answer.result as { isError?: unknown } | undefined)?.isError === true;
}

/** The invariants one answer breaks (an empty list when it is a good answer). */
export function checkAnswer(answer: JsonRpcAnswer, secrets: readonly string[]): Violation[] {
  const violations: Violation[] = [];
  const hasResult = answer.result !== undefined;
  const hasError = answer.error !== undefined;
  if (hasResult === hasError) {
    violations.push({ invariant: 'one-answer', message: `not a JSON-RPC answer: ${excerpt(answer.line)}` });
  }
  const text = answerText(answer);
  if (answer.error?.code === -32603) {
    violations.push({
      invariant: 'no-internal-error',
      message: `JSON-RPC internal error -32603: ${excerpt(text)}`,
    });
  } else if (INTERNAL_PHRASES.some((phrase) => phrase.test(text))) {
    violations.push({ invariant: 'no-internal-error', message: `an internal error: ${excerpt(text)}` });
  }
  if (STACK_FRAME.test(answer.line.replaceAll('\\n', '\n'))) {
    violations.push({
      invariant: 'no-internal-error',
      message: `a stack trace in the answer: ${excerpt(text)}`,
    });
  }
  if (ZOD_DUMP.test(text)) {
    violations.push({
      invariant: 'no-zod-dump',
      message: `a zod issue dump instead of a clear error: ${excerpt(text)}`,
    });
  }
  const parsed = { result: answer.result, error: answer.error };
  for (const [path, value] of strings(parsed, 'answer')) {
    const hidden = HIDDEN_CHARACTER.exec(value);
    if (hidden) {
      const code = (hidden[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
      violations.push({
        invariant: 'no-raw-control-characters',
        message: `raw U+${code} in ${path}: ${excerpt(value)}`,
      });
      break;
    }
  }
  for (const secret of secrets) {
    if (answer.line.includes(secret)) {
      violations.push({ invariant: 'no-secret', message: 'a configured secret is in the answer' });
      break;
    }
  }
  return violations;
}

/**
 * Watches a stream, chunk by chunk, for any of the secrets (or a long fragment of one), carrying the
 * end of each chunk over so that a secret split across two chunks is still seen.
 */
export class SecretScanner {
  #carry = '';
  #found = false;
  readonly #needles: readonly string[];
  readonly #keep: number;

  constructor(needles: readonly string[]) {
    this.#needles = needles;
    this.#keep = Math.max(0, ...needles.map((n) => n.length - 1));
  }

  get found(): boolean {
    return this.#found;
  }

  scan(text: string): boolean {
    const window = this.#carry + text;
    if (!this.#found && this.#needles.some((needle) => window.includes(needle))) this.#found = true;
    this.#carry = window.slice(-this.#keep);
    return this.#found;
  }
}

/** The audit log as it grows: new lines since the last look, each scanned for the secret. */
export class AuditTail {
  #offset = 0;
  #partial = '';
  readonly #path: string;
  readonly #scanner: SecretScanner;

  constructor(path: string, scanner: SecretScanner) {
    this.#path = path;
    this.#scanner = scanner;
  }

  /** Complete lines appended since the previous call. */
  newLines(): number {
    if (!existsSync(this.#path)) return 0;
    const size = statSync(this.#path).size;
    if (size <= this.#offset) return 0;
    const buffer = Buffer.alloc(size - this.#offset);
    const fd = openSync(this.#path, 'r');
    try {
      readSync(fd, buffer, 0, buffer.length, this.#offset);
    } finally {
      closeSync(fd);
    }
    this.#offset = size;
    const text = this.#partial + buffer.toString('utf8');
    this.#scanner.scan(text);
    const lines = text.split('\n');
    this.#partial = lines.pop() ?? '';
    return lines.length;
  }
}
