import type { RestHandler } from '../service-handler.js';

// The Fabric admin REST API: every path answers 404 until its routes are written.
export const fabricHandler: RestHandler = ({ path }) => ({
  status: 404,
  body: { error: { code: 'NotFound', message: `No resource at ${path}.` } },
});
