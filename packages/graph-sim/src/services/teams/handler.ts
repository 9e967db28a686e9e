import type { RestHandler } from '../service-handler.js';

// The Teams admin (Skype.Policy configurations): every path answers 404 until its routes are written.
export const teamsHandler: RestHandler = ({ path }) => ({
  status: 404,
  body: { error: { code: 'NotFound', message: `No resource at ${path}.` } },
});
