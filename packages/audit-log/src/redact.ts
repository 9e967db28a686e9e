import type { JsonValue } from './canonical-json.js';
import { isIdentifierKey, isSecretKey } from './secret-keys.js';
import { REDACTED, type ScrubOptions, scrubSecretShapes } from './secret-shapes.js';

// Secrets shorter than this are not scrubbed by value: they would blank out ordinary words.
const MIN_REGISTERED_SECRET_LENGTH = 6;
const MAX_DEPTH = 32;

/**
 * Turns any value into plain JSON data with secrets removed: by field name, by the shape of the
 * value, and by the exact text of secrets registered at start-up (the configured client secret,
 * a certificate password), wherever they appear inside a string.
 */
export class Redactor {
  readonly #secrets = new Set<string>();

  registerSecret(value: string | undefined | null): void {
    if (!value || value.length < MIN_REGISTERED_SECRET_LENGTH) return;
    this.#secrets.add(value);
    // The same secret also appears URL-encoded in form bodies and query strings.
    const encoded = encodeURIComponent(value);
    if (encoded !== value) this.#secrets.add(encoded);
  }

  redactString(text: string, options: ScrubOptions = {}): string {
    let result = text;
    // Longest first, so a secret that contains another is removed whole.
    for (const secret of [...this.#secrets].sort((a, b) => b.length - a.length)) {
      if (result.includes(secret)) result = result.split(secret).join(REDACTED);
    }
    return scrubSecretShapes(result, options);
  }

  redact(value: unknown): JsonValue {
    return this.#redactValue(value, new WeakSet<object>(), 0, false);
  }

  #redactValue(value: unknown, seen: WeakSet<object>, depth: number, identifier: boolean): JsonValue {
    if (value === null || value === undefined) return null;
    switch (typeof value) {
      case 'string':
        return this.redactString(value, { identifier });
      case 'number':
        return Number.isFinite(value) ? value : String(value);
      case 'boolean':
        return value;
      case 'bigint':
        return value.toString();
      case 'function':
      case 'symbol':
        return null;
    }
    if (typeof value !== 'object') return null;
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
    if (value instanceof Uint8Array) return `[${value.byteLength} bytes]`;
    if (depth >= MAX_DEPTH) return '[too deep]';
    if (seen.has(value)) return '[circular]';
    seen.add(value);
    try {
      if (Array.isArray(value))
        return value.map((item) => this.#redactValue(item, seen, depth + 1, identifier));
      if (value instanceof Error) {
        return { name: this.redactString(value.name), message: this.redactString(value.message) };
      }
      const entries = value instanceof Map ? [...value.entries()] : Object.entries(value);
      const result: Record<string, JsonValue> = {};
      for (const [rawKey, item] of entries) {
        if (item === undefined || typeof item === 'function') continue;
        const key = this.redactString(String(rawKey));
        // A flag such as { includeSecrets: true } says nothing secret; anything else under a
        // secret-sounding name is removed whatever it looks like.
        result[key] =
          isSecretKey(String(rawKey)) && typeof item !== 'boolean' && item !== null
            ? REDACTED
            : this.#redactValue(item, seen, depth + 1, isIdentifierKey(String(rawKey)));
      }
      return result;
    } finally {
      seen.delete(value);
    }
  }
}

/** The process-wide redactor the audit log uses unless given its own. */
export const defaultRedactor = new Redactor();

export function redact(value: unknown): JsonValue {
  return defaultRedactor.redact(value);
}

export function registerSecret(value: string | undefined | null): void {
  defaultRedactor.registerSecret(value);
}
