// The app registrations the simulated tenant knows: who may get a token, with which credential, and
// which application permissions (roles) an admin has consented to.
import { createHash, randomBytes, randomUUID, timingSafeEqual, X509Certificate } from 'node:crypto';

export interface SimAppInput {
  clientId?: string;
  displayName?: string;
  /** Granted application permissions, e.g. `User.Read.All`. */
  roles: readonly string[];
  /** A client secret; generated when the app has no credential at all. */
  secret?: string;
  /** The app's certificate (PEM; a private key in the same text is ignored). */
  certificatePem?: string;
  /** Subject of a federated identity credential (workload identity), see GraphSim.issueFederatedToken. */
  federatedSubject?: string;
  /**
   * Granted application permissions on APIs other than Graph, by the resource's application id, e.g.
   * `{ '00000002-0000-0ff1-ce00-000000000000': ['Exchange.ManageAsApp'] }`.
   */
  serviceRoles?: Readonly<Record<string, readonly string[]>>;
  /**
   * Entra directory roles (role template ids) held by the app's service principal: each becomes an
   * active role assignment in the tenant's directory, visible through Graph.
   */
  directoryRoles?: readonly string[];
  /** The Fabric setting "Service principals can access read-only admin APIs" covers this app. */
  fabricAdminApiAccess?: boolean;
  /** Application ID URIs of the API the app exposes, e.g. `api://<clientId>` (a v1 token's `aud`). */
  identifierUris?: readonly string[];
  /** App roles the app's API defines; a user or app holds one through `assignAppRole`. */
  appRoles?: readonly SimAppRole[];
  /** Delegated scopes the app's API exposes, e.g. `access_as_user` (a user token's `scp`). */
  oauth2PermissionScopes?: readonly string[];
  /** A public client (native app, SPA, CLI): no credential; it signs users in with PKCE or a device code. */
  publicClient?: boolean;
  /** Redirect URIs the authorize endpoint accepts, compared exactly. */
  redirectUris?: readonly string[];
  /** `accessTokenAcceptedVersion` of the API: 1 (default, as Entra) or 2. */
  requestedAccessTokenVersion?: 1 | 2;
  /** Client ids pre-authorized for this API's scopes (informational: the sim never shows a consent page). */
  preAuthorizedApplications?: readonly string[];
  /** Client ids whose consent also covers this API (informational, as above). */
  knownClientApplications?: readonly string[];
  /**
   * Graph delegated permissions consented for this app, e.g. `User.Read`, `Directory.Read.All`: the
   * `scp` of a Graph token it gets for a user (on-behalf-of, authorization code, device code).
   */
  delegatedPermissions?: readonly string[];
}

export interface SimAppRole {
  value: string;
  displayName?: string;
  allowedMemberTypes: readonly ('User' | 'Application')[];
}

export interface SimApp {
  readonly clientId: string;
  readonly displayName: string;
  /** Mutable on purpose: a test may grant or revoke a role; the next token reflects it. */
  roles: string[];
  readonly secret: string | undefined;
  readonly certificatePem: string | undefined;
  readonly federatedSubject: string | undefined;
  /** Object id of the app's service principal: the `oid` and `sub` of its tokens. */
  readonly servicePrincipalId: string;
  /** Mutable like roles: app roles on other APIs, by resource application id. */
  serviceRoles: Record<string, string[]>;
  /** The directory roles given at registration (the tenant's role assignments are the live truth). */
  readonly directoryRoles: readonly string[];
  /** Mutable: a test may switch the Fabric admin API setting for this app. */
  fabricAdminApiAccess: boolean;
  readonly identifierUris: readonly string[];
  readonly appRoles: readonly SimAppRole[];
  readonly oauth2PermissionScopes: readonly string[];
  readonly publicClient: boolean;
  readonly redirectUris: readonly string[];
  readonly requestedAccessTokenVersion: 1 | 2;
  readonly preAuthorizedApplications: readonly string[];
  readonly knownClientApplications: readonly string[];
  /** Mutable: a test may revoke a delegated permission; the next Graph token for a user shows it. */
  delegatedPermissions: string[];
}

export interface RegisteredApp extends SimApp {
  readonly certificate: X509Certificate | undefined;
  /** base64url SHA-256 of the certificate's DER, as in an assertion's `x5t#S256` header. */
  readonly certificateThumbprintS256: string | undefined;
}

const CERTIFICATE_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/;

/** An Entra-style client secret: 40 characters with a `~` after the 3-character key hint. */
function generateSecret(): string {
  const body = randomBytes(30).toString('base64url').replace(/[-_]/g, 'x').slice(0, 36);
  return `${body.slice(0, 3)}8Q~${body.slice(3)}`;
}

export class AppRegistry {
  private readonly apps = new Map<string, RegisteredApp>();

  register(input: SimAppInput): SimApp {
    const clientId = input.clientId ?? randomUUID();
    if (this.apps.has(clientId.toLowerCase())) {
      throw new Error(`graph-sim: an app with client id ${clientId} is already registered`);
    }
    let certificate: X509Certificate | undefined;
    if (input.certificatePem !== undefined) {
      const block = CERTIFICATE_BLOCK.exec(input.certificatePem);
      if (!block) throw new Error('graph-sim: certificatePem holds no PEM CERTIFICATE block');
      certificate = new X509Certificate(block[0]);
    }
    const publicClient = input.publicClient ?? false;
    if (publicClient && (input.secret !== undefined || certificate !== undefined)) {
      throw new Error('graph-sim: a public client has no secret or certificate');
    }
    for (const role of input.appRoles ?? []) {
      if (role.allowedMemberTypes.length === 0) {
        throw new Error(`graph-sim: app role ${role.value} needs allowedMemberTypes ('User', 'Application')`);
      }
    }
    // A public client has no credential; any other app gets a secret when it was given none.
    const hasCredential =
      publicClient ||
      input.secret !== undefined ||
      certificate !== undefined ||
      input.federatedSubject !== undefined;
    const app: RegisteredApp = {
      clientId,
      displayName: input.displayName ?? `graph-sim app ${clientId.slice(0, 8)}`,
      roles: [...input.roles],
      secret: input.secret ?? (hasCredential ? undefined : generateSecret()),
      certificatePem: certificate?.toString(),
      federatedSubject: input.federatedSubject,
      servicePrincipalId: randomUUID(),
      serviceRoles: Object.fromEntries(
        Object.entries(input.serviceRoles ?? {}).map(([resource, roles]) => [
          resource.toLowerCase(),
          [...roles],
        ]),
      ),
      directoryRoles: [...(input.directoryRoles ?? [])],
      fabricAdminApiAccess: input.fabricAdminApiAccess ?? false,
      identifierUris: [...(input.identifierUris ?? [])],
      appRoles: [...(input.appRoles ?? [])],
      oauth2PermissionScopes: [...(input.oauth2PermissionScopes ?? [])],
      publicClient,
      redirectUris: [...(input.redirectUris ?? [])],
      requestedAccessTokenVersion: input.requestedAccessTokenVersion ?? 1,
      preAuthorizedApplications: [...(input.preAuthorizedApplications ?? [])],
      knownClientApplications: [...(input.knownClientApplications ?? [])],
      delegatedPermissions: [...(input.delegatedPermissions ?? [])],
      certificate,
      certificateThumbprintS256: certificate
        ? createHash('sha256').update(certificate.raw).digest('base64url')
        : undefined,
    };
    this.apps.set(clientId.toLowerCase(), app);
    return app;
  }

  /** Every registered app, in registration order. */
  all(): RegisteredApp[] {
    return [...this.apps.values()];
  }

  find(clientId: string): RegisteredApp | undefined {
    return this.apps.get(clientId.toLowerCase());
  }

  /**
   * The app whose API a resource identifier names: one of its identifier URIs or its client id
   * (compared without case and trailing slash, as Entra does).
   */
  findResource(identifier: string): RegisteredApp | undefined {
    const wanted = identifier.replace(/\/+$/, '').toLowerCase();
    return this.all().find(
      (app) =>
        app.clientId.toLowerCase() === wanted ||
        app.identifierUris.some((uri) => uri.replace(/\/+$/, '').toLowerCase() === wanted),
    );
  }

  /** Constant-time comparison, so the simulator does not teach timing attacks by example. */
  secretMatches(app: RegisteredApp, secret: string): boolean {
    if (app.secret === undefined) return false;
    const expected = createHash('sha256').update(app.secret).digest();
    const given = createHash('sha256').update(secret).digest();
    return timingSafeEqual(expected, given);
  }
}
