import { describe, expect, it } from 'vitest';
import { oversizedLineError, StdinLineLimit } from '../src/cli/stdin-line-limit.js';

async function through(limit: number, chunks: string[]) {
  const refused: number[] = [];
  const guard = new StdinLineLimit(limit, (bytes) => refused.push(bytes));
  const out: Buffer[] = [];
  guard.on('data', (chunk: Buffer) => out.push(chunk));
  for (const chunk of chunks) guard.write(Buffer.from(chunk));
  guard.end();
  await new Promise((resolve) => guard.on('end', resolve));
  return { passed: Buffer.concat(out).toString(), refused };
}

describe('StdinLineLimit', () => {
  it('passes lines within the limit whole, however they are chunked', async () => {
    const { passed, refused } = await through(10, ['{"a":', '1}\n{"b"', ':2}\n']);
    expect(passed).toBe('{"a":1}\n{"b":2}\n');
    expect(refused).toEqual([]);
  });

  it('drops a line over the limit, across chunks, reports it once, and serves the next line', async () => {
    const { passed, refused } = await through(10, ['{"x":"0123', '456789abcdef', 'ghij"}\n{"ok":1}\n']);
    expect(passed).toBe('{"ok":1}\n');
    expect(refused).toEqual([10]);
  });

  it('answers with a JSON-RPC error naming the limit', () => {
    expect(JSON.parse(oversizedLineError(4096))).toEqual({
      jsonrpc: '2.0',
      id: null,
      error: { code: -32600, message: expect.stringContaining('at most 4096 bytes') },
    });
  });
});
