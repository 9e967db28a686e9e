import type { FileHandle } from 'node:fs/promises';

const CHUNK = 64 * 1024;

/**
 * Reads the last non-empty line of a file from its end (or from byte `size`, e.g. the end of the
 * checkpointed line), so opening a long log to continue its chain does not read the whole file.
 * Returns undefined for an empty file.
 */
export async function readLastLine(handle: FileHandle, size?: number): Promise<string | undefined> {
  let end = size ?? (await handle.stat()).size;
  let tail = Buffer.alloc(0);
  while (end > 0) {
    const start = Math.max(0, end - CHUNK);
    const chunk = Buffer.alloc(end - start);
    await handle.read(chunk, 0, chunk.length, start);
    tail = Buffer.concat([chunk, tail]);
    end = start;
    const text = tail.toString('utf8').replace(/\n+$/, '');
    const newline = text.lastIndexOf('\n');
    if (newline >= 0) return text.slice(newline + 1);
    if (end === 0) return text.length > 0 ? text : undefined;
  }
  return undefined;
}
