// Reads a tenants registry file into a TenantRegistry, or says exactly what is wrong: the file, the
// entry (`tenants[3] "fabrikam"`), the field and the rule; never a secret's value.
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { z } from 'zod';
import { ConfigurationError } from '../errors.js';
import { TENANT_NAME, tenantRegistrySchema } from './registry-schema.js';
import { findSecretsInClear } from './secrets-in-clear.js';
import { TENANTS_FILE_VARIABLE, type TenantRegistry } from './tenant-registry.js';

/** More issues than this are summarised: the first ones are what to fix first anyway. */
const MAX_LISTED_ISSUES = 10;

const WHERE_SECRETS_GO =
  'A registry names where a secret is, never the secret: "certificateFile" (a PEM file, recommended; ' +
  '"certificatePasswordEnv" names the variable holding its password), "secretEnv" (an environment ' +
  'variable), "secretFile" (a file) or "keyVault" ({ "vaultUrl", "secretName" }).';

/** Reads and checks the registry file at `path`; relative paths inside it are resolved against its folder. */
export async function loadTenantRegistry(path: string): Promise<TenantRegistry> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'does not exist'
        : code === 'EISDIR'
          ? 'is a folder, not a file'
          : `cannot be read (${code ?? 'unreadable'})`;
    throw new ConfigurationError(
      `The tenants registry "${path}" ${why}: check ${TENANTS_FILE_VARIABLE} or --tenants.`,
      [TENANTS_FILE_VARIABLE],
    );
  }
  return parseTenantRegistry(text, path);
}

/**
 * Checks registry JSON text. `source` names it in errors and, as a path, gives the folder that
 * relative file paths in it are resolved against.
 */
export function parseTenantRegistry(text: string, source: string): TenantRegistry {
  const document = parseJson(text, source);
  const secrets = findSecretsInClear(document);
  if (secrets.length > 0) {
    fail(
      source,
      secrets.map((secret) => `${where(secret.path, document)}holds ${secret.what} in clear.`),
      WHERE_SECRETS_GO,
    );
  }
  const parsed = tenantRegistrySchema.safeParse(document);
  if (!parsed.success) {
    fail(
      source,
      parsed.error.issues.map((issue) => describeIssue(issue, document)),
    );
  }
  const { signIn, tenants } = parsed.data;
  return {
    source,
    directory: dirname(resolve(source)),
    ...(signIn === undefined ? {} : { signIn }),
    tenants,
  };
}

function parseJson(text: string, source: string): unknown {
  try {
    // A UTF-8 byte order mark (Windows editors) is not an error.
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    // V8's message may quote the text, which may hold a secret: keep the reason and the position.
    const message = (error as Error).message;
    const reason = message.split(/, "|\s+in JSON at position/)[0] ?? 'Not valid JSON';
    const position = /\(line (\d+) column (\d+)\)/.exec(message);
    const at = position === null ? '' : ` at line ${position[1]}, column ${position[2]}`;
    throw new ConfigurationError(`The tenants registry "${source}" is not valid JSON${at}: ${reason}.`, [
      TENANTS_FILE_VARIABLE,
    ]);
  }
}

function fail(source: string, problems: readonly string[], advice?: string): never {
  const listed = problems.slice(0, MAX_LISTED_ISSUES).map((problem) => `  - ${problem}`);
  if (problems.length > MAX_LISTED_ISSUES) {
    listed.push(`  - and ${problems.length - MAX_LISTED_ISSUES} more problems.`);
  }
  throw new ConfigurationError(
    [
      `The tenants registry "${source}" is not valid:`,
      ...listed,
      ...(advice === undefined ? [] : [advice]),
    ].join('\n'),
    [TENANTS_FILE_VARIABLE],
  );
}

function describeIssue(issue: z.core.$ZodIssue, document: unknown): string {
  const path = issue.path as (string | number)[];
  const at = where(path, document);
  switch (issue.code) {
    case 'unrecognized_keys':
      return `${at}has unknown ${issue.keys.length > 1 ? 'keys' : 'key'} ${issue.keys
        .map((key) => `"${key}"`)
        .join(', ')}.`;
    case 'invalid_type':
      if (valueAt(path, document) === undefined) return `${at}is missing: it ${issue.message}.`;
      return `${at}${issue.message}.`;
    default:
      return `${at}${issue.message}.`;
  }
}

/** `tenants[3] "fabrikam", signIn.clientId ` for a path; the tenant's name only when it is a valid one. */
function where(path: readonly (string | number)[], document: unknown): string {
  if (path.length === 0) return 'the file ';
  let text = '';
  let rest = path;
  if (path[0] === 'tenants' && typeof path[1] === 'number') {
    const name = (valueAt(['tenants', path[1], 'name'], document) as unknown) ?? undefined;
    text = `tenants[${path[1]}]${typeof name === 'string' && TENANT_NAME.test(name) ? ` "${name}"` : ''}`;
    rest = path.slice(2);
    if (rest.length > 0) text += ', ';
  }
  text += rest
    .map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index > 0 ? '.' : ''}${part}`))
    .join('');
  return `${text} `;
}

function valueAt(path: readonly (string | number)[], document: unknown): unknown {
  let value: unknown = document;
  for (const part of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[part];
  }
  return value;
}
