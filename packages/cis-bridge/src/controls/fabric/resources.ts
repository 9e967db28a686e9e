import type { RestResourceSpec } from '../service-resource-spec.js';

/** What this service's controls read, by the key they name. */
export const fabricResources = {} as const satisfies Record<string, RestResourceSpec>;
