// What the admin APIs need to know of the tenant: its id (the InvokeCommand path names it) and its
// initial domain (the SharePoint admin host is built from it).
import { z } from 'zod';
import type { GraphClient } from '../graph-client.js';

const organization = z.looseObject({
  value: z.array(
    z.looseObject({
      verifiedDomains: z
        .array(z.looseObject({ name: z.string(), isInitial: z.boolean().nullish() }))
        .nullish(),
    }),
  ),
});

/** The tenant's initial domain (`contoso.onmicrosoft.com`), from Graph's `/organization`. */
export async function initialDomainOf(
  graph: Pick<GraphClient, 'get'>,
  signal: AbortSignal | undefined,
): Promise<string> {
  const body = await graph.get('/organization', {
    query: { $select: 'verifiedDomains' },
    schema: organization,
    ...(signal === undefined ? {} : { signal }),
  });
  const domain = body.value[0]?.verifiedDomains?.find((d) => d.isInitial === true)?.name;
  if (domain === undefined) {
    throw new Error(
      "Graph's /organization names no initial domain, so the SharePoint admin host is unknown.",
    );
  }
  return domain;
}

/** The `tid` claim of an access token (no signature check: the token came from our own credential). */
export function tenantIdOfToken(token: string): string | undefined {
  const payload = token.split('.')[1];
  if (payload === undefined) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const tid = typeof claims === 'object' && claims !== null ? (claims as { tid?: unknown }).tid : undefined;
    return typeof tid === 'string' && tid !== '' ? tid : undefined;
  } catch {
    return undefined;
  }
}
