// Reading Exchange Online's cmdlet answers as the CIS controls need them. A deciding property the
// cmdlet left out (absent or null) throws, so the control reports an error naming the cmdlet and
// the property: never a missing setting read as compliant or not.
import type { FindingEvidenceValue } from '@m365-mcp/graph-core';
import type { EvaluationContext, Outcome } from '../types.js';
import { items, type Json, obj, str, strings } from '../values.js';
import { exchangeResources } from './resources.js';

export type ExchangeResourceKey = keyof typeof exchangeResources;

/** The one object a singleton cmdlet (kind `get`) wrote. */
export function exoObject(ctx: EvaluationContext, key: ExchangeResourceKey): Json {
  return obj(ctx.get(key));
}

/** Every object a list cmdlet wrote. */
export function exoRows(ctx: EvaluationContext, key: ExchangeResourceKey): Json[] {
  return items(ctx.get(key));
}

/** The mailboxes of one kind (`UserMailbox`, `SharedMailbox`) from the one Get-Mailbox read. */
export function mailboxesOfType(ctx: EvaluationContext, type: 'UserMailbox' | 'SharedMailbox'): Json[] {
  return exoRows(ctx, 'mailboxes').filter((mailbox) => mailbox.RecipientTypeDetails === type);
}

/** The value of `property`; the cmdlet leaving it out makes the check an error. */
export function required(row: Json, key: ExchangeResourceKey, property: string): unknown {
  const value = row[property];
  if (value === undefined || value === null) {
    throw new Error(`${exchangeResources[key].cmdlet} gave no value for ${property}.`);
  }
  return value;
}

/** A boolean property; anything else (a string, a number) makes the check an error. */
export function requiredBoolean(row: Json, key: ExchangeResourceKey, property: string): boolean {
  const value = required(row, key, property);
  if (typeof value !== 'boolean') {
    throw new Error(
      `${exchangeResources[key].cmdlet} gave ${property} as ${JSON.stringify(value)}, not true or false.`,
    );
  }
  return value;
}

/** Passes when a boolean property of a singleton cmdlet's object is `expected`. */
export function exoBooleanIs(
  key: ExchangeResourceKey,
  property: string,
  expected: boolean,
): (ctx: EvaluationContext) => Outcome {
  return (ctx) => {
    const actual = requiredBoolean(exoObject(ctx, key), key, property);
    return { status: actual === expected ? 'pass' : 'fail', evidence: { [property]: actual, expected } };
  };
}

/** An object's name as Exchange shows it (Name, else Identity). */
export function nameOf(row: Json): string {
  return str(row.Name) ?? str(row.Identity) ?? '(unnamed)';
}

/** A multi-valued property (absent or null: none). */
export function values(row: Json, property: string): string[] {
  return strings(row[property]);
}

/** How many names evidence lists before it says how many more there are. */
export const EVIDENCE_LIST_LIMIT = 50;

/** A list for evidence: at most EVIDENCE_LIST_LIMIT entries; the count says the rest. */
export function listed<T extends FindingEvidenceValue>(entries: readonly T[]): T[] {
  return entries.slice(0, EVIDENCE_LIST_LIMIT);
}
