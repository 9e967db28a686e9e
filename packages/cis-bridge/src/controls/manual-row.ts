import type { ReadWith } from './types.js';

/** A recommendation read by a person: [CIS id, read with, where (cmdlet and properties, or admin centre path), why not here]. */
export type ManualRow = [id: string, readWith: ReadWith, where: string, reason: string];
