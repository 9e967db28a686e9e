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
    const hasCredential =
      input.secret !== undefined || certificate !== undefined || input.federatedSubject !== undefined;
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

  /** Constant-time comparison, so the simulator does not teach timing attacks by example. */
  secretMatches(app: RegisteredApp, secret: string): boolean {
    if (app.secret === undefined) return false;
    const expected = createHash('sha256').update(app.secret).digest();
    const given = createHash('sha256').update(secret).digest();
    return timingSafeEqual(expected, given);
  }
}
