// The inputs a careless or hostile MCP client can send: text that breaks encoders (lone surrogates,
// NUL), text that hides or reorders what a human reads (bidi overrides and isolates, BEL, ESC), text
// that escapes directories, text too large for anything, numbers beyond any range, and arguments
// that are not an object at all.
import type { Prng } from './prng.ts';

export const hostileStringKinds = [
  'lone-surrogate',
  'nul',
  'one-megabyte',
  'bidi',
  'control',
  'path-traversal',
] as const;
export type HostileStringKind = (typeof hostileStringKinds)[number];

const ONE_MEGABYTE = 1024 * 1024;

function oneMegabyte(random: Prng): string {
  const unit = random.pick(['A', 'é', '😀', 'ab\u202Ecd', '../', '%00', '\u0007']);
  return unit.repeat(Math.ceil(ONE_MEGABYTE / unit.length)).slice(0, ONE_MEGABYTE);
}

const byKind: Record<HostileStringKind, (random: Prng) => string> = {
  'lone-surrogate': (random) =>
    random.pick([
      '\uD800',
      '\uDFFF',
      'user\uD83D@contoso.com',
      'abc\uDC00def',
      '\uDBFF\uDBFF',
      '😀'.slice(0, 1),
    ]),
  nul: (random) => random.pick(['\u0000', 'a\u0000b', 'report.json\u0000.exe', '\u0000'.repeat(64)]),
  'one-megabyte': oneMegabyte,
  bidi: (random) =>
    random.pick([
      '\u202Eevil.exe',
      'admin\u202Egpj.exe',
      '\u2066hidden\u2069',
      '\u2067\u2068x\u2069',
      '\u202A\u202B\u202C\u202D',
      'a\u200Fb\u200Ec\u061C',
    ]),
  control: (random) =>
    random.pick([
      '\u0007',
      '\u001B[31mred\u001B[0m',
      '\u001B]0;title\u0007',
      'line\r\nInjected: header',
      '\b\b\b\u007F',
      '\u0085\u009B31m',
    ]),
  'path-traversal': (random) =>
    random.pick([
      '../../../../etc/passwd',
      '..\\..\\..\\windows\\win.ini',
      '/etc/shadow',
      '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      '....//....//etc/passwd',
      'C:\\Windows\\System32\\config\\SAM',
      '\\\\attacker\\share\\x',
      'file:///etc/passwd',
      '~/.ssh/id_rsa',
    ]),
};

export function hostileString(kind: HostileStringKind, random: Prng): string {
  return byKind[kind](random);
}

/**
 * Numbers as raw JSON tokens, so that ones JSON.stringify cannot write (1e999 parses to Infinity,
 * 30 digits lose precision) reach the server exactly as a hostile client would send them.
 */
export const hugeNumberTokens = [
  '1e999',
  '-1e999',
  '1.7976931348623157e308',
  '-1.7976931348623157e308',
  '9007199254740993',
  '123456789012345678901234567890',
  '-9223372036854775809',
  '4294967296',
  '-0',
  '0.5',
  '5e-324',
  '1e21',
] as const;

/** Values of every JSON type, to put where the schema expects another. */
export function anyJsonValue(random: Prng): unknown {
  return random.pick<unknown>([
    null,
    true,
    false,
    0,
    -1,
    3.14,
    '',
    'text',
    [],
    [1, 'two', null],
    {},
    { nested: { deeper: [{}] } },
  ]);
}

/** `arguments` that are not an object: the MCP schema requires one. */
export function nonObjectArguments(random: Prng): unknown {
  return random.pick<unknown>(['a string', '', 42, -1.5, 0, [], [1, 2, 3], [{}], null, true, false]);
}

/** Property names a schema never declares, some chosen to confuse JavaScript objects. */
export function extraPropertyName(random: Prng): string {
  return random.pick([
    'unexpected',
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    'a\u0000b',
    '\u202Ename',
    '',
    'x'.repeat(300),
    '$ref',
  ]);
}
