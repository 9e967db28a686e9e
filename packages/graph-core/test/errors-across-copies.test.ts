import { describe, expect, it } from 'vitest';
import * as here from '../src/errors.js';
import { UntrustedLinkError } from '../src/request-target.js';

// A server's library bundle carries its own copy of graph-core, so one process can hold two: errors
// thrown by one copy's client must still be recognised by the other copy's `instanceof`.

async function otherCopy(): Promise<typeof here> {
  // A query string makes the module loader evaluate the file again: a second, distinct copy.
  // @ts-expect-error TypeScript does not resolve a specifier with a query string; the loader does.
  return (await import('../src/errors.ts?second-copy')) as typeof here;
}

describe('typed errors from another copy of graph-core', () => {
  it('are instances of the same-named class here, and of GraphError', async () => {
    const other = await otherCopy();
    expect(other.ForbiddenError).not.toBe(here.ForbiddenError);
    const error = new other.ForbiddenError({ status: 403, code: 'Forbidden', message: 'no' });
    expect(error instanceof here.ForbiddenError).toBe(true);
    expect(error instanceof here.GraphError).toBe(true);
    expect(error instanceof here.UnauthorizedError).toBe(false);
    expect(error.name).toBe('ForbiddenError');
  });

  it('keep subclasses apart within one copy, and do not claim plain errors', () => {
    const throttled = new here.ThrottledError({ status: 429, code: 'TooManyRequests', message: 'slow' });
    expect(throttled instanceof here.ThrottledError).toBe(true);
    expect(throttled instanceof here.TransientError).toBe(false);
    expect(new UntrustedLinkError('elsewhere') instanceof here.GraphError).toBe(true);
    expect(Object.assign(new Error('x'), { name: 'ForbiddenError' }) instanceof here.ForbiddenError).toBe(
      false,
    );
  });
});
