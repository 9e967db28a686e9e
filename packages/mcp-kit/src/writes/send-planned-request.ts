import type { GraphClient } from '@m365-mcp/graph-core';
import type { PlannedRequest } from './write-plan.js';

/** Sends one planned request exactly as planned, through the same client reads use. */
export async function sendPlannedRequest(graph: GraphClient, request: PlannedRequest): Promise<void> {
  const options = request.version === undefined ? {} : { version: request.version };
  switch (request.method) {
    case 'POST':
      await graph.post(request.path, request.body ?? {}, options);
      return;
    case 'PATCH':
      await graph.patch(request.path, request.body ?? {}, options);
      return;
    case 'DELETE':
      await graph.delete(request.path, options);
      return;
    case 'PUT':
      await graph.put(request.path, request.body ?? {}, options);
      return;
  }
}
