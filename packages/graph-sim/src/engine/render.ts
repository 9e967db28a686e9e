// Renders a route's result as Graph would send it.
import { type CollectionRequest, metadataContext, renderCollection } from './collection.js';
import { type GraphResponse, graphHeaders, jsonResponse, type RequestIds } from './graph-response.js';
import { selectProperties } from './odata/select.js';
import type { RouteResult } from './route.js';

export function renderResult(
  ids: RequestIds,
  result: RouteResult,
  request: CollectionRequest,
  defaultContext: string,
): GraphResponse {
  switch (result.kind) {
    case 'collection':
      return jsonResponse(
        ids,
        200,
        renderCollection(request, result.items, result.context ?? defaultContext),
      );
    case 'delta':
      return jsonResponse(
        ids,
        200,
        renderCollection(request, result.items, result.context ?? defaultContext, result.deltaToken),
      );
    case 'entity': {
      const context = `${result.context ?? defaultContext}/$entity`;
      const body = {
        '@odata.context': metadataContext(request.baseUrl, context, request.query.select),
        ...selectProperties(request.project(result.body), request.query.select),
      };
      return jsonResponse(ids, result.status ?? 200, body);
    }
    case 'noContent': {
      const headers = graphHeaders(ids);
      delete headers['Content-Type'];
      return { status: 204, headers, body: undefined };
    }
    case 'redirect': {
      const headers = graphHeaders(ids);
      delete headers['Content-Type'];
      return { status: 302, headers: { ...headers, Location: result.location }, body: undefined };
    }
    case 'raw':
      return {
        status: result.status,
        headers: { ...graphHeaders(ids), 'Content-Type': result.contentType, ...result.headers },
        body: result.body,
      };
  }
}
