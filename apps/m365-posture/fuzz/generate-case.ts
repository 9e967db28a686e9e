// One fuzz case: a JSON-RPC line to send and what the server owes in return. Cases cycle through
// the kinds in a fixed order, so any run of at least `caseKinds.length` cases covers every kind;
// which tool, which property and which value come from the case's own PRNG stream.
import {
  anyJsonValue,
  extraPropertyName,
  type HostileStringKind,
  hostileString,
  hostileStringKinds,
  hugeNumberTokens,
  nonObjectArguments,
} from './hostile-values.ts';
import type { Prng } from './prng.ts';
import { acceptedTypes, type JsonSchema, objectValue } from './schema-values.ts';

export const caseKinds = [
  'valid',
  'boundary',
  'wrong-type',
  'missing-required',
  'extra-property',
  'non-object-arguments',
  ...hostileStringKinds,
  'huge-number',
  'unknown-tool',
  'malformed-json-rpc',
  'valid',
  'hostile-key',
] as const;
export type CaseKind = (typeof caseKinds)[number];

export interface ListedTool {
  name: string;
  inputSchema: JsonSchema;
}

export interface FuzzCase {
  index: number;
  kind: CaseKind;
  /** What was sent, short enough to print (long strings cut, hidden characters escaped). */
  description: string;
  line: string | Buffer;
  /** The request's id; null when the line carries none the fuzzer can wait on. */
  id: number | null;
  /** A well-formed request: exactly one answer is owed. Otherwise an answer is optional. */
  expectAnswer: boolean;
  /** A tools/call to a listed tool with object arguments: the audit log must record it. */
  audited: boolean;
}

const RAW_NUMBER = '@@fuzz-raw-number@@';

function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  // defineProperty, so that "__proto__" becomes a property JSON.stringify writes, as a client would.
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function short(value: unknown): string {
  const text =
    JSON.stringify(value, (_key, inner: unknown) =>
      typeof inner === 'string' && inner.length > 48
        ? `${inner.slice(0, 40)}…(${inner.length} chars)`
        : inner,
    ) ?? String(value);
  // JSON.stringify leaves bidi and C1 characters raw: escape every non-ASCII character for the report.
  return text
    .replace(new RegExp(`"${RAW_NUMBER}([^"]+)"`, 'g'), '$1')
    .replace(/[^\x20-\x7E]/gu, (c) => `\\u{${c.codePointAt(0)?.toString(16)}}`);
}

function toolCall(id: number, name: unknown, args: unknown, omitArguments = false): string {
  const params = omitArguments ? { name } : { name, arguments: args };
  const line = JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call', params });
  // Raw number tokens (1e999, 30 digits) go in unquoted, as a hostile client would write them.
  return line.replace(new RegExp(`"${RAW_NUMBER}([^"]+)"`, 'g'), '$1');
}

function propertiesOf(tool: ListedTool): [string, JsonSchema][] {
  return Object.entries(tool.inputSchema.properties ?? {});
}

/** The property to spoil: one whose schema accepts `type` if there is one, else any. */
function targetProperty(tool: ListedTool, random: Prng, types: string[]): string | undefined {
  const properties = propertiesOf(tool);
  const matching = properties.filter(([, schema]) => acceptedTypes(schema).some((t) => types.includes(t)));
  const pool = matching.length > 0 ? matching : properties;
  return pool.length > 0 ? random.pick(pool)[0] : undefined;
}

function hostileArguments(tool: ListedTool, kind: HostileStringKind, random: Prng): Record<string, unknown> {
  const args = objectValue(tool.inputSchema, 'valid', random);
  const value = hostileString(kind, random);
  const target = targetProperty(tool, random, ['string']);
  if (target === undefined || random.chance(0.1)) setOwn(args, random.pick(['name', 'id', 'path']), value);
  else setOwn(args, target, random.chance(0.15) ? [value] : value);
  return args;
}

function malformedLine(id: number, random: Prng): Pick<FuzzCase, 'line' | 'expectAnswer' | 'description'> {
  const lines: [string | Buffer, boolean, string][] = [
    ['not json at all', false, 'not JSON'],
    ['{', false, 'a cut-off object'],
    [`{"jsonrpc":"2.0","id":${id},"method":"tools/list"`, false, 'a request cut off'],
    ['[]', false, 'an empty batch'],
    ['null', false, 'null'],
    ['42', false, 'a number'],
    ['{}', false, 'an empty object'],
    [`{"jsonrpc":"2.0","id":${id},"method":123}`, false, 'a numeric method'],
    [`{"jsonrpc":"1.0","id":${id},"method":"ping"}`, false, 'jsonrpc 1.0'],
    [`{"jsonrpc":"2.0","id":${id},"method":"tools/call","params":"x"}`, false, 'params a string'],
    [`{"jsonrpc":"2.0","id":${id},"result":{}}`, false, 'a response to nothing'],
    [
      '{"jsonrpc":"2.0","method":"notifications/no-such-thing","params":{"x":1}}',
      false,
      'an unknown notification',
    ],
    [Buffer.from([0xff, 0xfe, 0x7b, 0xc3, 0x28]), false, 'invalid UTF-8'],
    [`[{"jsonrpc":"2.0","id":${id},"method":"ping"}]`, false, 'a batch of one ping'],
    ['x'.repeat(5 * 1024 * 1024), false, 'a 5 MiB line'],
    [`{"jsonrpc":"2.0","id":${id},"method":"tools/call"}`, true, 'tools/call without params'],
    [`{"jsonrpc":"2.0","id":${id},"method":"no/such/method","params":{}}`, true, 'an unknown method'],
    [
      `{"jsonrpc":"2.0","id":${id},"method":"tools/list","params":{"cursor":"\\u202e\\u0000"}}`,
      true,
      'tools/list with a hostile cursor',
    ],
    [`{"jsonrpc":"2.0","id":${id},"method":"ping","method":"tools/call"}`, true, 'a duplicate key'],
    [`{"jsonrpc":"2.0","id":${id},"method":"tools/call","params":{"name":null}}`, true, 'a null tool name'],
    [
      `{"jsonrpc":"2.0","id":${id},"method":"prompts/get","params":{"name":"\\ud800"}}`,
      true,
      'prompts/get with a lone surrogate',
    ],
  ];
  const [line, expectAnswer, description] = random.pick(lines);
  return { line, expectAnswer, description };
}

function unknownToolName(tools: readonly ListedTool[], random: Prng): string {
  const listed = random.pick(tools).name;
  return random.pick([
    'no_such_tool',
    `${listed}_x`,
    listed.toUpperCase(),
    ` ${listed}`,
    '',
    '../../etc/passwd',
    `\u202E${listed}`,
    'x'.repeat(10_000),
    '__proto__',
    'constructor',
    'tools/call',
  ]);
}

/** Case `index` of a run against a server whose tools/list gave `tools`. */
export function generateCase(index: number, tools: readonly ListedTool[], random: Prng): FuzzCase {
  const kind = caseKinds[index % caseKinds.length] as CaseKind;
  const id = index + 1;
  const tool = random.pick(tools);
  const base = { index, kind, id };
  const call = (args: unknown, audited = true): FuzzCase => ({
    ...base,
    line: toolCall(id, tool.name, args),
    expectAnswer: true,
    audited,
    description: `tools/call ${tool.name} ${short(args)}`,
  });

  switch (kind) {
    case 'valid':
      return call(objectValue(tool.inputSchema, 'valid', random));
    case 'boundary':
      return call(objectValue(tool.inputSchema, 'boundary', random));
    case 'wrong-type': {
      const args = objectValue(tool.inputSchema, 'valid', random);
      const target = targetProperty(tool, random, [
        'string',
        'number',
        'integer',
        'boolean',
        'array',
        'object',
      ]);
      if (target !== undefined) {
        const accepted = acceptedTypes(tool.inputSchema.properties?.[target] ?? {});
        let value = anyJsonValue(random);
        for (let tries = 0; tries < 8 && accepts(accepted, value); tries++) value = anyJsonValue(random);
        setOwn(args, target, value);
      }
      return call(args);
    }
    case 'missing-required': {
      const args = objectValue(tool.inputSchema, 'valid', random);
      const required = tool.inputSchema.required ?? [];
      if (required.length > 0) delete args[random.pick(required)];
      else if (random.chance(0.5))
        return {
          ...base,
          line: toolCall(id, tool.name, {}, true),
          expectAnswer: true,
          audited: true,
          description: `tools/call ${tool.name} without arguments`,
        };
      return call(random.chance(0.3) ? {} : args);
    }
    case 'extra-property': {
      const args = objectValue(tool.inputSchema, 'valid', random);
      setOwn(args, extraPropertyName(random), anyJsonValue(random));
      return call(args);
    }
    case 'hostile-key': {
      const args = objectValue(tool.inputSchema, 'valid', random);
      const kinds = hostileStringKinds.filter((k) => k !== 'one-megabyte');
      setOwn(args, hostileString(random.pick(kinds), random), 'value');
      return call(args);
    }
    case 'non-object-arguments':
      return call(nonObjectArguments(random), false);
    case 'huge-number': {
      const args = objectValue(tool.inputSchema, 'valid', random);
      const target = targetProperty(tool, random, ['number', 'integer']) ?? 'limit';
      setOwn(args, target, `${RAW_NUMBER}${random.pick(hugeNumberTokens)}`);
      return call(args);
    }
    case 'unknown-tool': {
      const name = unknownToolName(tools, random);
      const args = objectValue(tool.inputSchema, 'valid', random);
      return {
        ...base,
        line: toolCall(id, name, args),
        expectAnswer: true,
        audited: false,
        description: `tools/call of unknown tool ${short(name)}`,
      };
    }
    case 'malformed-json-rpc': {
      const malformed = malformedLine(id, random);
      return { ...base, ...malformed, audited: false, description: `raw line: ${malformed.description}` };
    }
    default:
      return call(hostileArguments(tool, kind, random));
  }
}

/** Whether a schema accepting the JSON types `accepted` would take `value` for its type. */
function accepts(accepted: readonly string[], value: unknown): boolean {
  if (value === null) return accepted.includes('null');
  if (Array.isArray(value)) return accepted.includes('array');
  if (typeof value === 'number') {
    return accepted.includes('number') || (Number.isInteger(value) && accepted.includes('integer'));
  }
  return accepted.includes(typeof value);
}
