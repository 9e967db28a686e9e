import type { PurviewData } from '../purview.js';

/** The demo tenant's Purview policies. */
export function demoPurview(_now: Date): PurviewData {
  return {};
}
