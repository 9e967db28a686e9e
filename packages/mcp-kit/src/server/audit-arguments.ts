// What the audit line records of arguments a tool refused: they are whatever the client sent (a
// fuzzer's megabyte string, a 100,000-item array), so they are redacted first (a secret cut in half
// would no longer look like one) and then bounded, keeping enough to see what was sent.
import { type JsonValue, redact } from '@m365-mcp/audit-log';

const MAX_STRING = 1000;
const MAX_ITEMS = 50;
const MAX_DEPTH = 6;
/** Values (strings, numbers, members) kept in all; beyond it, the rest is counted, not recorded. */
const MAX_VALUES = 500;

interface Budget {
  values: number;
}

function bound(value: JsonValue, depth: number, budget: Budget): JsonValue {
  budget.values += 1;
  if (typeof value === 'string') {
    return value.length > MAX_STRING
      ? `${value.slice(0, MAX_STRING)}… [${value.length - MAX_STRING} more characters]`
      : value;
  }
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[too deep]';
  const entries: [string, JsonValue][] = Array.isArray(value)
    ? value.map((item, index) => [String(index), item])
    : Object.entries(value);
  const kept: [string, JsonValue][] = [];
  for (const [key, item] of entries) {
    if (kept.length >= MAX_ITEMS || budget.values >= MAX_VALUES) break;
    kept.push([key.length > 200 ? `${key.slice(0, 200)}…` : key, bound(item, depth + 1, budget)]);
  }
  const dropped = entries.length - kept.length;
  if (Array.isArray(value)) {
    const items = kept.map(([, item]) => item);
    return dropped > 0 ? [...items, `[${dropped} more items]`] : items;
  }
  const members = Object.fromEntries(kept);
  if (dropped > 0) members['…'] = `[${dropped} more members]`;
  return members;
}

/** Arguments as received, secrets removed, at most 500 values of at most 1,000 characters. */
export function boundedArguments(value: unknown): JsonValue {
  return bound(redact(value), 0, { values: 0 });
}
