import type { CmdletResourceSpec } from '../service-resource-spec.js';

/** What this service's controls read, by the key they name. */
export const defenderResources = {} as const satisfies Record<string, CmdletResourceSpec>;
