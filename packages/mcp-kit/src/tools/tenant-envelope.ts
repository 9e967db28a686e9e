// The one envelope every tool answer leaves through (auditedCall applies it to every result, success
// or error, of every read and write tool). Tool bodies clean the tenant fields they quote with
// `ctx.tenantText` (one line, 256 characters); this is the backstop for whatever a body forgot, for
// tenant text inside our own sentences, and for arguments repeated in errors:
//
// - every string, in the text content and anywhere in structuredContent (keys included), has its
//   control, bidi, zero-width and other invisible characters made visible (`[U+202E]`), so nothing
//   can hide or reorder what the user and the model read;
// - line feeds and tabs are kept: our summaries, plans and inline Markdown reports are multi-line
//   on purpose, and both are visible layout. A CR LF pair becomes a line feed; a lone CR (which
//   makes a terminal overwrite the line) is made visible like any other control character.
//   Flattening a tenant field to one line is `ctx.tenantText`'s job, where the field is known;
// - no string is longer than `envelopeMaxStringLength` (a generous cap above any answer of ours,
//   the largest being an inline Markdown report of 30,000 characters).
//
// A result that carries tenant data also gets the untrusted-data notice and marker.
import type { CallToolResult } from '@modelcontextprotocol/server';
import { boundUnits, visibleUnits } from './tenant-text.js';
import { markUntrusted } from './tool-result.js';

export const envelopeMaxStringLength = 50_000;

const isLayout = (char: string): boolean => char === '\n' || char === '\t';

/** One string of an answer, as it may leave the server. */
export function envelopeText(value: string): string {
  return boundUnits(visibleUnits(value.replace(/\r\n/g, '\n'), isLayout), envelopeMaxStringLength);
}

/** Base64 payloads of binary content: not text, never shown as text, and not to be cut. */
const binaryFields = new Set(['data', 'blob']);

/** Any JSON value of an answer, every string (keys included) cleaned as `envelopeText` does. */
export function envelopeValue(value: unknown): unknown {
  if (typeof value === 'string') return envelopeText(value);
  if (Array.isArray(value)) return value.map(envelopeValue);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [
        envelopeText(key),
        binaryFields.has(key) && typeof inner === 'string' ? inner : envelopeValue(inner),
      ]),
    );
  }
  return value;
}

export interface EnvelopeOptions {
  /** The answer carries tenant data: add the untrusted-data notice and marker. */
  tenantData: boolean;
}

/** Cleans every string of a tool result and, for tenant data, marks it untrusted. */
export function envelopeResult(result: CallToolResult, options: EnvelopeOptions): CallToolResult {
  const cleaned: CallToolResult = {
    ...result,
    content: result.content.map((item) => envelopeValue(item) as (typeof result.content)[number]),
    ...(result.structuredContent === undefined
      ? {}
      : { structuredContent: envelopeValue(result.structuredContent) as Record<string, unknown> }),
  };
  return options.tenantData ? markUntrusted(cleaned) : cleaned;
}
