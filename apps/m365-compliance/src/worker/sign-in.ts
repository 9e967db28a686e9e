import type { GraphConnection } from '@m365-mcp/mcp-kit/startup';

// A tenant's sign-in, asked for before its audit: a refused sign-in (consent revoked, app deleted,
// wrong secret) fails the job with Entra's reason, instead of an audit whose every control says
// "error".

export class TenantSignInError extends Error {
  override readonly name = 'TenantSignInError';
}

/** Entra's own words (the AADSTS code and its sentence) from @azure/identity's error, without noise. */
function entraReason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const aadsts = /AADSTS\d+[^\r\n]*/.exec(text)?.[0];
  return (aadsts ?? text.split('\n')[0] ?? 'unknown').slice(0, 500);
}

export async function signInToTenant(
  connection: Pick<GraphConnection, 'credential' | 'cloud'>,
  tenant: { name: string; tenantId: string },
  signal?: AbortSignal,
): Promise<void> {
  try {
    const token = await connection.credential.getToken(
      connection.cloud.graphScope,
      signal ? { abortSignal: signal } : {},
    );
    if (!token) throw new Error('no access token was returned');
  } catch (error) {
    throw new TenantSignInError(
      `signing in to tenant ${tenant.name} (${tenant.tenantId}) failed: ${entraReason(error)}`,
    );
  }
}
