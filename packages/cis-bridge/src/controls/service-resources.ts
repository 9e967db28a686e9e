import { defenderResources } from './defender/resources.js';
import { exchangeResources } from './exchange/resources.js';
import { fabricResources } from './fabric/resources.js';
import { purviewResources } from './purview/resources.js';
import type { ServiceResourceSpec } from './service-resource-spec.js';
import { sharePointAdminResources } from './sharepoint-admin/resources.js';
import { teamsResources } from './teams/resources.js';

/** Every resource read from an admin API beyond Graph, by the key controls name. */
export const serviceResources = {
  ...exchangeResources,
  ...defenderResources,
  ...purviewResources,
  ...teamsResources,
  ...fabricResources,
  ...sharePointAdminResources,
} as const satisfies Record<string, ServiceResourceSpec>;

export type ServiceResourceKey = keyof typeof serviceResources;

export function isServiceResource(key: string): key is ServiceResourceKey {
  return Object.hasOwn(serviceResources, key);
}

export function serviceResourceSpec(key: ServiceResourceKey): ServiceResourceSpec {
  return serviceResources[key];
}
