import type { FabricData } from '../fabric.js';

/** The demo tenant's Fabric tenant settings. */
export function demoFabric(_now: Date): FabricData {
  return {};
}
