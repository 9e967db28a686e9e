// startGraphSim: one HTTPS origin serving both the Entra side (metadata, token endpoint, keys) and
// the Graph side (/v1.0, /beta), with the request log, fault schedule and throttling model that
// tests and benchmarks drive.

import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { type DnsSim, startDnsSim } from './dns/dns-server.js';
import { emptyDnsZone } from './dns/dns-zone.js';
import { BatchExecutor } from './engine/batch.js';
import { DEFAULT_DOWNLOAD_URL_LIFETIME_SECONDS, DownloadLinks } from './engine/download-links.js';
import { type FaultInjector, FaultSchedule } from './engine/faults.js';
import { GraphPipeline } from './engine/graph-pipeline.js';
import { errorResponse, requestIds, responseBytes } from './engine/graph-response.js';
import { BodyTooLargeError, lowerCaseHeaders, originOf, readBody, writeResponse } from './engine/http-io.js';
import {
  InMemoryRequestLog,
  now,
  queryRecord,
  type RequestLog,
  redactHeaders,
} from './engine/request-log.js';
import type { GraphVersion, RouteDefinition } from './engine/route.js';
import { splitPath } from './engine/router.js';
import { SkipTokenCodec } from './engine/skiptoken.js';
import type { ThrottlingControl, ThrottlingMode } from './engine/throttling.js';
import { AppRoleAssignments } from './entra/app-role-assignments.js';
import { AppRegistry, type SimApp, type SimAppInput } from './entra/apps.js';
import { grantDirectoryRoles } from './entra/directory-roles.js';
import { entraEndpoint, handleEntra } from './entra/handler.js';
import { createSigningKey, type SigningKey } from './entra/keys.js';
import { type SignedInUser, type SignInUserInput, signInWithPkce } from './entra/sign-in-user.js';
import { SigningKeyRing } from './entra/signing-keys.js';
import { issueAccessToken, issueFederatedAssertion } from './entra/tokens.js';
import { UserSessions } from './entra/user-sessions.js';
import { findUser } from './entra/users.js';
import { allRoutes } from './routes/index.js';
import { isDownloadPath, serveFileDownload } from './routes/sharepoint/file-download.js';
import {
  defaultServiceHandlers,
  handleServiceRequest,
  type ServiceHandlers,
  type SimService,
  serviceOfSegment,
  serviceUrlsOf,
} from './services/index.js';
import { createDemoTenant } from './tenant/demo/index.js';
import type { GraphUser } from './tenant/directory.js';
import type { Tenant } from './tenant/model.js';
import { type ConsentGrants, consentApp, revokeApp } from './tenants/consent.js';
import { type HostedTenant, HostedTenants, type TenantGrant } from './tenants/hosted-tenants.js';
import { mergedDnsZone } from './tenants/merged-dns.js';
import { createServerCertificate } from './tls.js';

export interface GraphSimOptions {
  /** Default 0 (an ephemeral port). */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** Default: a fresh createDemoTenant(). The simulator's own tenant: `sim.tenant`. */
  tenant?: Tenant;
  /**
   * More tenants hosted beside the first (e.g. from generateTenant), each with its own data,
   * consents and throttling budgets; an app is consented in them with `sim.consent`.
   */
  tenants?: readonly Tenant[];
  /** Default: allRoutes (tests may pass their own fixtures). */
  routes?: readonly RouteDefinition[];
  /** Default 'off'. */
  throttling?: ThrottlingMode;
  /** Added to every Graph response (a $batch counts once), for benchmarks. Default 0. */
  latencyMs?: number;
  /**
   * How file `/content` answers: `redirect` (default, as Graph does) with 302 to a pre-authenticated
   * download URL on this host; `inline` with the bytes themselves, as a proxy that follows it would.
   */
  fileContent?: 'redirect' | 'inline';
  /** How long a download URL works, in seconds (default 300, "a few minutes"); negative: already expired. */
  downloadUrlLifetimeSeconds?: number;
  /** What answers the admin APIs beyond Graph (default: the services' own modules); tests pass fixtures. */
  serviceHandlers?: Partial<ServiceHandlers>;
  /**
   * Epoch milliseconds for the lifetimes of authorization codes (10 minutes) and device codes (15
   * minutes); default Date.now. A test moves it to expire a code without waiting.
   */
  clock?: () => number;
}

export interface AppRoleAssignmentInput {
  /** Default: the first tenant. */
  tenantId?: string;
  /** A user's UPN (or object id), or an app's client id (its service principal in that tenant). */
  principal: string;
  /** The client id of the app whose API defines the role. */
  resourceClientId: string;
  /** The role's `value`, e.g. `McpServer.Read`. */
  role: string;
}

export interface IssueDownloadUrlInput {
  driveId: string;
  itemId: string;
  /** Default: the simulator's downloadUrlLifetimeSeconds; negative for an expired URL. */
  expiresInSeconds?: number;
}

export interface IssueTokenInput {
  clientId: string;
  roles: readonly string[];
  /** Default 3600; negative for an already expired token. */
  expiresInSeconds?: number;
  /** The token's `aud`, e.g. `https://outlook.office365.com`; default Microsoft Graph. */
  audience?: string;
  /** The hosted tenant the token is for (`tid`); default the first tenant. */
  tenantId?: string;
  /** How the app is taken to have signed in (`appidacr`): default `secret`. */
  credential?: 'secret' | 'certificate';
}

export interface GraphSim {
  /** The origin, e.g. https://127.0.0.1:50123: the authority host AND the Graph base URL. */
  readonly url: string;
  /**
   * Base URLs of the admin APIs beyond Graph on the same origin, each standing for the real host:
   * `${url}/exchange` (https://outlook.office365.com), `/compliance`, `/teams`, `/fabric`, `/sharepoint-admin`.
   */
  readonly serviceUrls: Readonly<Record<SimService, string>>;
  /** PEM of the self-signed certificate made at start (SAN localhost, 127.0.0.1, ::1). */
  readonly ca: string;
  /** The first (the simulator's own) tenant's id. */
  readonly tenantId: string;
  /** The first tenant's live model: tests mutate it and the next response shows it. */
  readonly tenant: Tenant;
  /** Every hosted tenant's id, the first first. */
  readonly tenantIds: readonly string[];
  /** A hosted tenant's live model, by id or initial domain (any case); undefined when not hosted. */
  tenantById(id: string): Tenant | undefined;
  /** Hosts one more tenant (its id and initial domain must be new); its apps are consented with `consent`. */
  addTenant(tenant: Tenant): void;
  /**
   * Registers an app (its credentials) and consents it in the first tenant, with its roles and
   * directory roles there. It is a multi-tenant app: `consent` adds it to the other tenants.
   */
  registerApp(app: SimAppInput): SimApp;
  /**
   * Admin consent of a registered app in a hosted tenant: its service principal there (a new object
   * id, the `oid` of its tokens for that tenant) with `grants` (each part defaulting to the app's own
   * roles, serviceRoles, directoryRoles (active role assignments in THAT tenant's directory) and
   * fabricAdminApiAccess). Throws when the tenant or app is unknown or already consented there.
   */
  consent(tenantId: string, clientId: string, grants?: Partial<ConsentGrants>): TenantGrant;
  /**
   * Deletes the app's service principal in the tenant: the token endpoint then answers AADSTS700016
   * (unauthorized_client) for that app and tenant, and the tokens it already holds are refused there
   * (Graph: 401 Authorization_IdentityNotFound). Other tenants are untouched. False when not consented.
   */
  revokeConsent(tenantId: string, clientId: string): boolean;
  /**
   * Replaces the tenant's data in place (a fresh demo tenant by default) and grants the registered
   * apps their directory roles again, so a test can start each case from a known tenant without
   * losing the roles its app was registered with.
   */
  resetTenant(next?: Tenant): void;
  /** A Graph access token, for "given token" credentials. */
  issueToken(input: IssueTokenInput): string;
  /** A workload-identity assertion the token endpoint accepts for an app with that federatedSubject. */
  issueFederatedToken(input: { subject: string }): string;
  /** A pre-authenticated download URL for a file, as `/content` redirects to (ids are not checked here). */
  issueDownloadUrl(input: IssueDownloadUrlInput): string;
  readonly requests: RequestLog;
  readonly faults: FaultInjector;
  /** The first tenant's throttling (budgets are per app per tenant, as Graph's). */
  readonly throttling: ThrottlingControl;
  /** A hosted tenant's throttling; throws for a tenant not hosted. */
  throttlingOf(tenantId: string): ThrottlingControl;
  /**
   * The hosted tenants' DNS (SPF, DMARC, DKIM records of their domains) on a UDP loopback port: point
   * a DNS reader's servers at `dns.address`.
   */
  readonly dns: DnsSim;
  /** The origin the Entra endpoints answer on (`${authority}/{tenant}/oauth2/v2.0/...`): the same as `url`. */
  readonly authority: string;
  /** The first tenant's directory users (live). */
  readonly users: readonly GraphUser[];
  /** A user of a hosted tenant by UPN or object id (any case); undefined when there is none. */
  userByUpn(upn: string, tenantId?: string): GraphUser | undefined;
  /**
   * Gives a user an active, permanent directory role (a role template id, e.g.
   * `roleTemplateIds.globalReader`), as an admin would; returns the assignment id.
   */
  assignDirectoryRole(input: { upn: string; roleTemplateId: string; tenantId?: string }): string;
  /** A user or an app gets an app role of a registered API; tokens for that API carry it in `roles`. */
  assignAppRole(input: AppRoleAssignmentInput): void;
  /** Takes an app role away; false when the principal did not hold it. */
  unassignAppRole(input: AppRoleAssignmentInput): boolean;
  /** The user (UPN) approves a pending device code, as the verification page would. */
  approveDeviceCode(userCode: string, upn: string): void;
  /** The user declines a pending device code: the client's next poll gets authorization_declined. */
  declineDeviceCode(userCode: string): void;
  /** A new signing key signs from now on; the previous ones stay in the JWKS until retired. */
  rotateSigningKey(): { kid: string };
  /** Removes a key from the JWKS: tokens it signed are refused. The current signer cannot be retired. */
  retireSigningKey(kid: string): void;
  /**
   * Signs a user in as a public client does over HTTPS (authorize with PKCE S256, then the token
   * endpoint); the user is `upn`, signed in without a page (the simulation's one shortcut).
   */
  signInUser(input: SignInUserInput): Promise<SignedInUser>;
  close(): Promise<void>;
}

const VERSIONS: Record<string, GraphVersion> = { 'v1.0': 'v1.0', beta: 'beta' };

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

export async function startGraphSim(options: GraphSimOptions = {}): Promise<GraphSim> {
  const tenant = options.tenant ?? createDemoTenant();
  const hosts = new HostedTenants(tenant, options.throttling ?? 'off');
  for (const more of options.tenants ?? []) hosts.add(more);
  const tenantFor = (authorization: string | undefined) => hosts.forAuthorization(authorization);
  const hostOf = (id: string): HostedTenant => {
    const host = hosts.find(id);
    if (!host) {
      const known = hosts
        .all()
        .map((h) => h.tenant.id)
        .join(', ');
      throw new Error(`graph-sim: tenant '${id}' is not hosted here (hosted: ${known})`);
    }
    return host;
  };
  const routes = options.routes ?? allRoutes;
  const latencyMs = options.latencyMs ?? 0;
  const host = options.host ?? '127.0.0.1';
  const signingKey = new SigningKeyRing();
  const appRoles = new AppRoleAssignments();
  const sessions = new UserSessions(options.clock ?? Date.now);
  // Made on first use: most simulators never see a federated credential, and RSA keys cost start time.
  let federationKey: SigningKey | undefined;
  const apps = new AppRegistry();
  const log = new InMemoryRequestLog();
  const faults = new FaultSchedule();
  const downloadLinks = new DownloadLinks(
    options.downloadUrlLifetimeSeconds ?? DEFAULT_DOWNLOAD_URL_LIFETIME_SECONDS,
  );
  const pipeline = new GraphPipeline({
    tenantFor,
    routes,
    signingKey,
    codec: new SkipTokenCodec(),
    downloads: { links: downloadLinks, contentMode: options.fileContent ?? 'redirect' },
    faults,
    log,
  });
  const batch = new BatchExecutor(pipeline, faults, log);
  const serviceDeps = {
    tenantFor,
    signingKey,
    faults,
    log,
    handlers: { ...defaultServiceHandlers(), ...options.serviceHandlers },
  };
  const certificate = await createServerCertificate();
  let url = '';
  const federation = () => {
    federationKey ??= createSigningKey();
    return { issuer: `${url}/federation`, key: federationKey };
  };

  async function handleGraph(
    req: IncomingMessage,
    context: {
      seq: number;
      time: number;
      version: GraphVersion;
      origin: string;
      headers: Record<string, string>;
    },
    pathPart: string,
    search: string,
    body: Buffer,
  ) {
    const afterVersion = pathPart.indexOf('/', 1);
    const rawPath = afterVersion === -1 ? '/' : pathPart.slice(afterVersion);
    const url = req.url ?? '/';
    if (req.method === 'POST' && /^\/\$batch\/?$/i.test(rawPath)) {
      return batch.execute({ ...context, url, bodyText: body.toString('utf8') });
    }
    let parsedBody: unknown;
    let invalidBody = false;
    if (body.length > 0) {
      const text = body.toString('utf8');
      try {
        parsedBody = JSON.parse(text);
      } catch {
        if ((context.headers['content-type'] ?? '').includes('json')) invalidBody = true;
        parsedBody = text;
      }
    }
    return pipeline.execute({
      ...context,
      method: req.method ?? 'GET',
      rawPath,
      search,
      url,
      body: parsedBody,
      invalidBody,
      batch: undefined,
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const seq = log.allocateSeq();
    const time = now();
    const origin = originOf(req, url);
    const headers = lowerCaseHeaders(req);
    const rawUrl = req.url ?? '/';
    const question = rawUrl.indexOf('?');
    const pathPart = question === -1 ? rawUrl : rawUrl.slice(0, question);
    const search = question === -1 ? '' : rawUrl.slice(question + 1);
    const segments = splitPath(pathPart);
    const version = VERSIONS[segments[0] ?? ''];
    let body: Buffer;
    try {
      body = await readBody(req);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      writeResponse(
        req,
        res,
        errorResponse(requestIds(undefined), 413, 'requestTooLarge', 'The request body is too large.'),
      );
      return;
    }
    if (version) {
      // Before the handling, so that the request log's duration (arrival to response) includes it.
      if (latencyMs > 0) await sleep(latencyMs);
      const response = await handleGraph(
        req,
        { seq, time, version, origin, headers },
        pathPart,
        search,
        body,
      );
      writeResponse(req, res, response);
      return;
    }
    if (isDownloadPath(pathPart)) {
      const method = req.method ?? 'GET';
      const { response, log: fields } = await serveFileDownload(
        {
          tenantFor: (id) => (id === undefined ? hosts.first.tenant : hosts.find(id)?.tenant),
          links: downloadLinks,
          faults,
        },
        { method, search, headers },
      );
      log.add({
        seq,
        time,
        side: 'download',
        method,
        version: null,
        path: pathPart,
        clientId: undefined,
        status: response.drop ? 0 : response.status,
        workload: null,
        resourceUnits: null,
        throttled: false,
        earlyRetry: false,
        batch: undefined,
        durationMs: now() - time,
        responseBytes: responseBytes(response),
        ...fields,
      });
      writeResponse(req, res, response);
      return;
    }
    let decoded: string[];
    try {
      decoded = segments.map(decodeURIComponent);
    } catch {
      decoded = segments;
    }
    const service = serviceOfSegment(decoded[0]);
    if (service) {
      if (latencyMs > 0) await sleep(latencyMs);
      const response = await handleServiceRequest(serviceDeps, {
        seq,
        time,
        service,
        method: req.method ?? 'GET',
        path: `/${decoded.join('/')}`,
        segments: decoded.slice(1),
        search,
        url: rawUrl,
        headers,
        body,
        origin,
      });
      writeResponse(req, res, response);
      return;
    }
    const entra = entraEndpoint(decoded) !== undefined;
    const response = entra
      ? await handleEntra(
          { tenants: hosts, apps, signingKey, federation: federation(), appRoles, sessions },
          {
            method: req.method ?? 'GET',
            segments: decoded,
            origin,
            query: new URLSearchParams(search),
            headers,
            body,
          },
        )
      : {
          ...errorResponse(
            requestIds(headers['client-request-id']),
            400,
            'BadRequest',
            `Invalid version: ${decoded[0] ?? ''}`,
          ),
          clientId: undefined,
          tenantId: undefined,
        };
    log.add({
      seq,
      time,
      side: entra ? 'entra' : 'graph',
      method: req.method ?? 'GET',
      url: rawUrl,
      version: null,
      path: `/${decoded.join('/')}`,
      query: queryRecord(new URLSearchParams(search)),
      headers: redactHeaders(headers),
      clientId: response.clientId,
      tenantId: response.tenantId,
      ...('userId' in response && response.userId !== undefined ? { userId: response.userId } : {}),
      status: response.status,
      workload: null,
      resourceUnits: null,
      retryAfter: null,
      throttled: false,
      earlyRetry: false,
      fault: undefined,
      batch: undefined,
      durationMs: now() - time,
      responseBytes: responseBytes(response),
    });
    writeResponse(req, res, response);
  }

  const server: Server = createServer({ cert: certificate.certPem, key: certificate.keyPem }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      process.stderr.write(`graph-sim: unhandled error: ${String(error)}\n`);
      if (!res.headersSent) {
        writeResponse(
          req,
          res,
          errorResponse(requestIds(undefined), 500, 'generalException', 'An unexpected error occurred.'),
        );
      } else {
        res.destroy();
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  url = `https://${urlHost(host)}:${address.port}`;
  // Loopback whatever the HTTPS host: nothing outside this machine has a use for the demo's DNS.
  const dns = await startDnsSim(() =>
    hosts.all().length === 1
      ? (tenant.dns ?? emptyDnsZone())
      : mergedDnsZone(hosts.all().map((h) => h.tenant)),
  ).catch((error: unknown) => {
    server.close();
    throw error;
  });

  function requireUser(target: Tenant, upn: string): GraphUser {
    const user = findUser(target, upn);
    if (!user) throw new Error(`graph-sim: tenant ${target.id} has no user '${upn}'`);
    return user;
  }

  function appRoleTarget(input: AppRoleAssignmentInput) {
    const host = input.tenantId === undefined ? hosts.first : hostOf(input.tenantId);
    const resource = apps.find(input.resourceClientId);
    if (!resource)
      throw new Error(`graph-sim: no app with client id ${input.resourceClientId} is registered`);
    const app = apps.find(input.principal);
    if (app) {
      const grant = host.grants.get(app.clientId.toLowerCase());
      if (!grant)
        throw new Error(`graph-sim: app ${app.clientId} is not consented in tenant ${host.tenant.id}`);
      return {
        tenantId: host.tenant.id,
        principalId: grant.servicePrincipalId,
        resource,
        memberType: 'Application' as const,
      };
    }
    const user = requireUser(host.tenant, input.principal);
    return { tenantId: host.tenant.id, principalId: user.id, resource, memberType: 'User' as const };
  }

  function pendingDeviceCode(userCode: string) {
    const grant = sessions.deviceCodeByUserCode(userCode);
    if (grant?.state !== 'pending') {
      throw new Error(`graph-sim: no pending device code has user code '${userCode}'`);
    }
    return grant;
  }

  return {
    url,
    ca: certificate.certPem,
    get tenantId() {
      return tenant.id;
    },
    tenant,
    get tenantIds() {
      return hosts.all().map((h) => h.tenant.id);
    },
    tenantById: (id) => hosts.find(id)?.tenant,
    addTenant: (more) => {
      hosts.add(more);
    },
    serviceUrls: serviceUrlsOf(url),
    registerApp: (input) => {
      const app = apps.register(input);
      // In its home tenant the app's consent is the app itself (tests mutate app.roles).
      hosts.first.grants.set(app.clientId.toLowerCase(), app);
      grantDirectoryRoles(tenant, app);
      return app;
    },
    consent: (tenantId, clientId, grants) => {
      const app = apps.find(clientId);
      if (!app) throw new Error(`graph-sim: no app with client id ${clientId} is registered`);
      return consentApp(hostOf(tenantId), app, tenant.id, grants);
    },
    revokeConsent: (tenantId, clientId) => revokeApp(hostOf(tenantId), clientId),
    resetTenant: (next) => {
      Object.assign(tenant, next ?? createDemoTenant());
      for (const grant of hosts.first.grants.values()) grantDirectoryRoles(tenant, grant);
    },
    issueToken: (input) =>
      issueAccessToken(signingKey, {
        tenantId: input.tenantId === undefined ? tenant.id : hostOf(input.tenantId).tenant.id,
        clientId: input.clientId,
        roles: input.roles,
        servicePrincipalId: (input.tenantId === undefined ? hosts.first : hostOf(input.tenantId)).grants.get(
          input.clientId.toLowerCase(),
        )?.servicePrincipalId,
        authMethod: input.credential === 'certificate' ? '2' : '1',
        ...(input.audience === undefined ? {} : { audience: input.audience }),
        ...(input.expiresInSeconds === undefined ? {} : { expiresInSeconds: input.expiresInSeconds }),
      }),
    issueFederatedToken: ({ subject }) => {
      const { issuer, key } = federation();
      return issueFederatedAssertion(key, issuer, subject);
    },
    issueDownloadUrl: ({ driveId, itemId, expiresInSeconds }) =>
      downloadLinks.urlFor(url, driveId, itemId, expiresInSeconds),
    requests: log,
    faults,
    throttling: hosts.first.throttling,
    throttlingOf: (id) => hostOf(id).throttling,
    dns,
    authority: url,
    get users() {
      return tenant.directory.users;
    },
    userByUpn: (upn, tenantId) => findUser(tenantId === undefined ? tenant : hostOf(tenantId).tenant, upn),
    assignDirectoryRole: ({ upn, roleTemplateId, tenantId }) => {
      const target = tenantId === undefined ? tenant : hostOf(tenantId).tenant;
      const user = requireUser(target, upn);
      const id = randomUUID();
      target.directory.roleAssignments.push({
        id,
        principalId: user.id,
        roleDefinitionId: roleTemplateId,
        directoryScopeId: '/',
        assignmentType: 'Assigned',
        startDateTime: new Date().toISOString(),
        endDateTime: null,
      });
      return id;
    },
    assignAppRole: (input) => {
      const { tenantId, principalId, resource, memberType } = appRoleTarget(input);
      const role = resource.appRoles.find((r) => r.value === input.role);
      if (!role) {
        throw new Error(
          `graph-sim: app ${resource.clientId} defines no app role '${input.role}' (it has: ${resource.appRoles.map((r) => r.value).join(', ') || 'none'})`,
        );
      }
      // As Entra: a role is assignable only to the member types it allows.
      if (!role.allowedMemberTypes.includes(memberType)) {
        throw new Error(
          `graph-sim: app role '${input.role}' of ${resource.clientId} allows ${role.allowedMemberTypes.join(' and ')} members, not ${memberType}`,
        );
      }
      appRoles.assign(tenantId, resource.clientId, principalId, input.role);
    },
    unassignAppRole: (input) => {
      const { tenantId, principalId, resource } = appRoleTarget(input);
      return appRoles.unassign(tenantId, resource.clientId, principalId, input.role);
    },
    approveDeviceCode: (userCode, upn) => {
      const grant = pendingDeviceCode(userCode);
      const user = requireUser(hostOf(grant.tenantId).tenant, upn);
      grant.userId = user.id;
      grant.state = 'approved';
    },
    declineDeviceCode: (userCode) => {
      pendingDeviceCode(userCode).state = 'declined';
    },
    rotateSigningKey: () => signingKey.rotate(),
    retireSigningKey: (kid) => signingKey.retire(kid),
    signInUser: (input) => signInWithPkce(url, certificate.certPem, input.tenantId ?? tenant.id, input),
    close: async () => {
      await dns.close();
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
