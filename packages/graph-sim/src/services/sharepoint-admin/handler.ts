import type { RestHandler } from '../service-handler.js';

// The SharePoint admin (tenant properties): every path answers 404 until its routes are written.
export const sharepointAdminHandler: RestHandler = ({ path }) => ({
  status: 404,
  body: { error: { code: 'NotFound', message: `No resource at ${path}.` } },
});
