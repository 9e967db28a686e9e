import { readFileSync } from 'node:fs';
import { ServerConfigError } from '../config/load-config.js';

/** The environment variable that holds the bearer token(s) clients send over --http. */
export const httpTokenVariable = 'M365_MCP_HTTP_TOKEN';

/** The same, read from a file (a container secret mounted at e.g. /run/secrets/http-token). */
export const httpTokenFileVariable = 'M365_MCP_HTTP_TOKEN_FILE';

/**
 * The value of a secret given either in a variable or in the file another variable names, never
 * both (which one would win is a guess). A file's one trailing newline (what `echo` and editors add)
 * is not part of the secret. Undefined when neither is set.
 */
export function secretFromVariableOrFile(
  env: Record<string, string | undefined>,
  variable: string,
  fileVariable: string,
): string | undefined {
  const value = env[variable];
  const file = env[fileVariable]?.trim();
  const hasValue = value !== undefined && value.trim() !== '';
  if (file === undefined || file === '') return hasValue ? value : undefined;
  if (hasValue) {
    throw new ServerConfigError(`${variable} and ${fileVariable} are both set: keep one of them.`);
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new ServerConfigError(`${fileVariable} names ${file}, which cannot be read (${code}).`);
  }
  return text.replace(/\r?\n$/, '');
}

/** The --http bearer token list as configured (M365_MCP_HTTP_TOKEN or M365_MCP_HTTP_TOKEN_FILE). */
export function httpTokenValue(env: Record<string, string | undefined>): string {
  return secretFromVariableOrFile(env, httpTokenVariable, httpTokenFileVariable) ?? '';
}
