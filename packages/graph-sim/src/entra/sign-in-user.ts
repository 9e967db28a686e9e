// A test helper that signs a user in exactly as a public client does, over HTTPS: PKCE S256
// verifier and challenge, GET /authorize (the simulator signs in the `login_hint` user and answers
// the 302), then POST /token with the code and the verifier.
import { createHash, randomBytes } from 'node:crypto';
import { request } from 'node:https';

export interface SignInUserInput {
  clientId: string;
  redirectUri: string;
  /** e.g. `api://<server>/access_as_user openid offline_access`. */
  scope: string;
  upn: string;
  /** Default: the simulator's first tenant. */
  tenantId?: string;
  /** RFC 8707 `resource`, as MCP clients send it. */
  resource?: string;
}

export interface SignedInUser {
  accessToken: string;
  refreshToken?: string;
  idToken?: string;
}

interface HttpAnswer {
  status: number;
  location: string | undefined;
  body: string;
}

function send(url: URL, ca: string, method: 'GET' | 'POST', form?: URLSearchParams): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const body = form?.toString();
    const req = request(
      url,
      {
        method,
        ca,
        headers: body === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            location: res.headers.location,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export async function signInWithPkce(
  origin: string,
  ca: string,
  tenant: string,
  input: SignInUserInput,
): Promise<SignedInUser> {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const state = randomBytes(12).toString('base64url');
  const authorize = new URL(`${origin}/${tenant}/oauth2/v2.0/authorize`);
  const params: Record<string, string> = {
    client_id: input.clientId,
    response_type: 'code',
    redirect_uri: input.redirectUri,
    scope: input.scope,
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    login_hint: input.upn,
    ...(input.resource === undefined ? {} : { resource: input.resource }),
  };
  for (const [name, value] of Object.entries(params)) authorize.searchParams.set(name, value);
  const answer = await send(authorize, ca, 'GET');
  if (answer.status !== 302 || !answer.location) {
    throw new Error(`graph-sim signInUser: authorize answered ${answer.status}: ${answer.body}`);
  }
  const back = new URL(answer.location);
  const code = back.searchParams.get('code');
  if (!code) {
    throw new Error(
      `graph-sim signInUser: authorize refused: ${back.searchParams.get('error') ?? ''}: ${back.searchParams.get('error_description') ?? ''}`,
    );
  }
  if (back.searchParams.get('state') !== state)
    throw new Error('graph-sim signInUser: state was not returned');
  const token = await send(
    new URL(`${origin}/${tenant}/oauth2/v2.0/token`),
    ca,
    'POST',
    new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: input.clientId,
      code,
      redirect_uri: input.redirectUri,
      code_verifier: verifier,
    }),
  );
  const json = JSON.parse(token.body) as Record<string, unknown>;
  if (token.status !== 200) {
    throw new Error(
      `graph-sim signInUser: token endpoint answered ${token.status}: ${String(json.error_description)}`,
    );
  }
  return {
    accessToken: String(json.access_token),
    ...(typeof json.refresh_token === 'string' ? { refreshToken: json.refresh_token } : {}),
    ...(typeof json.id_token === 'string' ? { idToken: json.id_token } : {}),
  };
}
