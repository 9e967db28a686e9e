// Stdio requests arrive one JSON-RPC message a line. The SDK's reader gives up on a line over
// 10 MiB by closing the transport, and the server exited 0 with nothing said. This guard sits in
// front of it: a line over the limit is dropped as it streams (never buffered whole), answered with
// a JSON-RPC error, and the next line is served as usual.
import { Transform, type TransformCallback } from 'node:stream';

/** The largest request line accepted on stdio: the same bound as an HTTP request body. */
export const MAX_STDIO_LINE_BYTES = 4 * 1024 * 1024;

const NEWLINE = 0x0a;

export class StdinLineLimit extends Transform {
  /** Bytes of the current line passed through so far, or -1 while an oversized line is dropped. */
  #lineBytes = 0;
  #pending: Buffer[] = [];

  constructor(
    private readonly maxLineBytes: number,
    private readonly onOversized: (bytes: number) => void,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    let start = 0;
    while (start < chunk.length) {
      const end = chunk.indexOf(NEWLINE, start);
      const piece = chunk.subarray(start, end === -1 ? chunk.length : end + 1);
      start += piece.length;
      if (this.#lineBytes >= 0) {
        this.#lineBytes += piece.length;
        if (this.#lineBytes > this.maxLineBytes) {
          // Too long: what was held back of it is discarded, and so is the rest up to its newline.
          this.#pending = [];
          this.#lineBytes = -1;
        } else {
          this.#pending.push(piece);
        }
      }
      if (end !== -1) {
        if (this.#lineBytes === -1) this.onOversized(this.maxLineBytes);
        else this.push(Buffer.concat(this.#pending));
        this.#pending = [];
        this.#lineBytes = 0;
      }
    }
    done();
  }
}

/** The JSON-RPC error a dropped line is answered with (its id cannot be read: null, as for a parse error). */
export function oversizedLineError(maxLineBytes: number): string {
  return `${JSON.stringify({
    jsonrpc: '2.0',
    id: null,
    error: {
      code: -32600,
      message: `Request too large: a message on stdio may be at most ${maxLineBytes} bytes; it was not read.`,
    },
  })}\n`;
}
