// The `WWW-Authenticate` values of a refusal (RFC 6750 section 3, RFC 9728 section 5.1): the realm,
// where the protected-resource metadata is (MCP clients start their sign-in from it), and an error
// code once a token was presented.

/** A quoted-string parameter value: no quotes, backslashes or control characters. */
function quoted(value: string): string {
  const safe = [...value].filter((char) => char >= ' ' && char !== '\x7f' && char !== '"' && char !== '\\');
  return `"${safe.join('')}"`;
}

export interface ChallengeInput {
  realm: string;
  resourceMetadata: string | undefined;
  error?: 'invalid_token' | 'insufficient_scope';
  scope?: string;
  description?: string;
}

export function bearerChallenge(input: ChallengeInput): string {
  const parts = [`realm=${quoted(input.realm)}`];
  if (input.resourceMetadata !== undefined) parts.push(`resource_metadata=${quoted(input.resourceMetadata)}`);
  if (input.error !== undefined) parts.push(`error=${quoted(input.error)}`);
  if (input.scope !== undefined) parts.push(`scope=${quoted(input.scope)}`);
  if (input.description !== undefined) parts.push(`error_description=${quoted(input.description)}`);
  return `Bearer ${parts.join(', ')}`;
}
