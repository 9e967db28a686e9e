// The door of every tool: the arguments a client sent, checked against the tool's input schema
// inside our own envelope (not the SDK's), so a refused call is audited like any other and the model
// gets one clear sentence per problem (which argument, what is wrong) instead of a zod dump.
import type { z } from 'zod';
import { checkArgumentText } from './argument-text.js';
import { quoteArgument } from './tenant-text.js';
import { ToolInputError } from './tool-input-error.js';

export type AcceptedArguments<A> =
  | { ok: true; args: A }
  | {
      ok: false;
      /** For the model: what is wrong with which argument, and to call again. */
      message: string;
      /** The same problems one per line, for the audit line. */
      problems: string[];
    };

/** Enough to correct a call; a fuzzer's hundred problems are summed up, not listed. */
const MAX_LISTED = 5;
const MAX_AUDITED = 20;
const MAX_NAME = 80;

/** `"limit"`, `"filter.since"`, `"ids[2]"`: the argument as the caller wrote it, in one short line. */
function argumentName(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'the arguments';
  const dotted = path
    .map((part, index) =>
      typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`,
    )
    .join('');
  // Record keys come from the caller: cleaned and bounded like any argument quoted in an error.
  return `"${quoteArgument(dotted, MAX_NAME)}"`;
}

function problemOf(issue: z.core.$ZodIssue): string {
  const name = argumentName(issue.path);
  if (issue.code === 'invalid_type' && /received undefined$/.test(issue.message)) {
    return `${name} is missing (expected ${issue.expected})`;
  }
  const message = issue.message.charAt(0).toLowerCase() + issue.message.slice(1);
  return `${name}: ${message}`;
}

/**
 * Checks what a client sent against a tool's input schema (and that its text is usable, see
 * argument-text.ts). Parsing applies the schema's defaults, so the tool sees its declared types.
 */
export function acceptArguments<A>(
  tool: string,
  schema: z.ZodType<A>,
  raw: Record<string, unknown>,
): AcceptedArguments<A> {
  try {
    checkArgumentText(raw);
  } catch (error) {
    if (error instanceof ToolInputError)
      return { ok: false, message: error.message, problems: [error.message] };
    throw error;
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, args: parsed.data };
  const problems = parsed.error.issues.map(problemOf);
  const listed = problems.slice(0, MAX_LISTED).join('; ');
  const more = problems.length > MAX_LISTED ? ` (and ${problems.length - MAX_LISTED} more)` : '';
  return {
    ok: false,
    message: `Invalid arguments for ${tool}: ${listed}${more}. Correct ${
      problems.length === 1 ? 'it' : 'them'
    } and call ${tool} again; tools/list gives the input schema.`,
    problems: problems.slice(0, MAX_AUDITED),
  };
}
