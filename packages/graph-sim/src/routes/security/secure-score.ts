// Secure Score: the daily history and the control profiles (workload `security`).
import { notFound, type RouteDefinition } from '../../engine/route.js';

export const secureScoreRoutes: RouteDefinition[] = [
  {
    method: 'GET',
    path: '/security/secureScores',
    workload: 'security',
    handler: (ctx) => ({
      kind: 'collection',
      items: ctx.tenant.security.secureScores,
      context: 'security/secureScores',
    }),
  },
  {
    method: 'GET',
    path: '/security/secureScores/{id}',
    workload: 'security',
    permissions: ['SecurityEvents.Read.All', 'SecurityEvents.ReadWrite.All'],
    handler: (ctx) => {
      const score = ctx.tenant.security.secureScores.find((s) => s.id === ctx.params.id);
      if (!score) throw notFound(`Secure score '${ctx.params.id}'`);
      return { kind: 'entity', body: score, context: 'security/secureScores' };
    },
  },
  {
    method: 'GET',
    path: '/security/secureScoreControlProfiles',
    workload: 'security',
    handler: (ctx) => ({
      kind: 'collection',
      items: ctx.tenant.security.controlProfiles,
      context: 'security/secureScoreControlProfiles',
    }),
  },
  {
    method: 'GET',
    path: '/security/secureScoreControlProfiles/{id}',
    workload: 'security',
    permissions: ['SecurityEvents.Read.All', 'SecurityEvents.ReadWrite.All'],
    handler: (ctx) => {
      const id = ctx.params.id?.toLowerCase();
      const profile = ctx.tenant.security.controlProfiles.find((p) => p.id.toLowerCase() === id);
      if (!profile) throw notFound(`Secure score control profile '${ctx.params.id}'`);
      return { kind: 'entity', body: profile, context: 'security/secureScoreControlProfiles' };
    },
  },
];
