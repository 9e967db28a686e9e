import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { decodeCursor, encodeCursor, limitSchema, paginate } from '../src/tools/cursor.js';
import { ToolInputError } from '../src/tools/tool-input-error.js';

describe('cursors', () => {
  it('round-trips state through an opaque base64url string', () => {
    const cursor = encodeCursor({ skip: 'abc', n: 3 });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, z.object({ skip: z.string(), n: z.number() }))).toEqual({
      skip: 'abc',
      n: 3,
    });
  });

  const forged = (state: unknown) =>
    `${Buffer.from(JSON.stringify({ v: 2, s: state })).toString('base64url')}.${encodeCursor({ offset: 0 }).split('.')[1]}`;

  it.each([
    ['not base64url', 'a b+c'],
    ['unsigned', Buffer.from(JSON.stringify({ v: 2, s: { offset: 1 } })).toString('base64url')],
    ['forged: state changed, signature kept', forged({ offset: 100 })],
    ['state of another tool', encodeCursor({ other: true })],
  ])('rejects %s with a clear ToolInputError', (_why, cursor) => {
    expect(() => decodeCursor(cursor, z.object({ offset: z.number() }))).toThrow(ToolInputError);
    expect(() => decodeCursor(cursor, z.object({ offset: z.number() }))).toThrow(/cursor is not valid/);
  });

  it('pages a list and omits the cursor on the last page', () => {
    const items = Array.from({ length: 7 }, (_, i) => i);
    const first = paginate(items, { limit: 3 });
    expect(first.page).toEqual([0, 1, 2]);
    const second = paginate(items, { limit: 3, cursor: first.cursor });
    expect(second.page).toEqual([3, 4, 5]);
    const last = paginate(items, { limit: 3, cursor: second.cursor });
    expect(last).toEqual({ page: [6] });
  });

  it('bounds limit to 1..200 with a default of 25', () => {
    expect(limitSchema.parse(undefined)).toBe(25);
    expect(limitSchema.safeParse(0).success).toBe(false);
    expect(limitSchema.safeParse(201).success).toBe(false);
    expect(limitSchema.safeParse(2.5).success).toBe(false);
  });
});
