// A seeded pseudo-random source for the service generators (Defender, Purview): mulberry32, seeded
// from a hash of the seed text, so the same seed always draws the same numbers.
import { createHash } from 'node:crypto';

export function seededRandom(seed: string): () => number {
  let state = createHash('sha256').update(seed).digest().readUInt32LE(0);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
