import type { DefenderData } from '../defender.js';

/** The demo tenant's Defender for Office 365 policies. */
export function demoDefender(_now: Date): DefenderData {
  return {};
}
