// Absolute links in responses. The query is rebuilt the way Graph writes it ($ kept literal,
// values percent-encoded), from the options the client sent.
export function buildQueryString(params: Iterable<[string, string]>): string {
  const parts: string[] = [];
  for (const [key, value] of params) {
    const name = encodeURIComponent(key).replace(/^%24/, '$');
    parts.push(`${name}=${encodeURIComponent(value)}`);
  }
  return parts.join('&');
}

export function withQuery(base: string, params: Iterable<[string, string]>): string {
  const query = buildQueryString(params);
  return query ? `${base}?${query}` : base;
}
