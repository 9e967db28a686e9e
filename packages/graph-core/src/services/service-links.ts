// Paths and links of the admin APIs. A path the caller gives stays under the service's base URL; a
// next-page link the service hands back (tenant-side data, in the end) is followed only on the
// base URL's origin and under its path, because the bearer token goes wherever the URL points.
import { GraphError } from '../errors.js';
import { UntrustedLinkError } from '../request-target.js';

/** The base URL (no trailing slash) joined with a path that must stay a path under it. */
export function serviceUrl(baseUrl: string, path: string): URL {
  if (
    !path.startsWith('/') ||
    path.startsWith('//') ||
    path.includes('\\') ||
    path.includes('#') ||
    path.includes('://')
  ) {
    throw invalidPath(path);
  }
  const queryStart = path.indexOf('?');
  const pathPart = queryStart === -1 ? path : path.slice(0, queryStart);
  const segments = pathPart.split('/').map(safeDecode);
  if (segments.some((segment) => segment === '.' || segment === '..')) throw invalidPath(path);
  return new URL(`${baseUrl}${path}`);
}

/** A link from a response, if it stays on the base URL's origin and under its path. */
export function trustedLink(baseUrl: string, link: string, serviceName: string): URL {
  const base = new URL(baseUrl);
  const url = URL.parse(link, `${baseUrl}/`);
  if (url === null)
    throw new UntrustedLinkError(`${serviceName} sent a next-page link that is not a valid URL.`);
  const basePath = base.pathname.replace(/\/+$/, '');
  if (
    url.protocol !== 'https:' ||
    url.origin !== base.origin ||
    url.username !== '' ||
    url.password !== '' ||
    !url.pathname.startsWith(`${basePath}/`)
  ) {
    throw new UntrustedLinkError(
      `Refused to follow ${serviceName}'s next-page link to ${url.protocol}//${url.host}${url.pathname}: only links under ` +
        `${base.origin}${basePath}/ are followed, so the access token is never sent anywhere else.`,
    );
  }
  return url;
}

function invalidPath(path: string): GraphError {
  return new GraphError({
    status: 0,
    code: 'invalidPath',
    message: `Refused the admin API path "${path.slice(0, 100)}": it must start with / and stay under the service's base URL.`,
  });
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
