import { randomUUID } from 'node:crypto';
import type { AdminApis, AdminService, Finding, FindingStatus } from '@m365-mcp/graph-core';
import { DnsError, type DnsReader, ForbiddenError, type GraphClient, GraphError } from '@m365-mcp/graph-core';
import { type ControlFilter, catalogue, isGraphControl, selectControls } from '../controls/catalogue.js';
import {
  type GraphResourceKey,
  type Licence,
  type ResourceKey,
  resourceSpec,
} from '../controls/resources.js';
import { isServiceResource, serviceResourceSpec } from '../controls/service-resources.js';
import type {
  AuditExceptions,
  Control,
  DnsAnswer,
  DnsQuery,
  EvaluationContext,
  GraphControl,
} from '../controls/types.js';
import { items, str } from '../controls/values.js';
import { type Fetched, fetchServiceResources, type ServiceConnection } from './fetch-service-resource.js';
import { licenceNames, licencesFrom } from './licences.js';
import type { AuditRun, ControlResult } from './run.js';
import { newestFirst, summarizeSecureScores } from './secure-score.js';
import { stripVolatile } from './snapshot.js';

export interface RunAuditOptions {
  filter?: ControlFilter;
  exceptions?: Partial<AuditExceptions>;
  /** Called as controls are evaluated, for MCP progress. */
  progress?: (done: number, total: number, message: string) => void | Promise<void>;
  signal?: AbortSignal;
  now?: Date;
  controls?: readonly Control[];
  /** Answers the DNS controls' questions (SPF, DMARC, DKIM); without it they are skipped. */
  dns?: DnsReader;
  /** Why there is no DNS reader, for the skipped controls' reason. */
  dnsUnavailable?: string;
  /**
   * The admin APIs beyond Graph (Exchange Online, Security & Compliance, Teams, Fabric, SharePoint
   * admin) the service controls read; without it those controls are skipped, saying so.
   */
  services?: AdminApis;
  /** What unlocks each service, for the reason of a control skipped because the service refused. */
  serviceAccess?: Partial<Record<AdminService, string>>;
}

/** Reads one Graph resource; the admin APIs' are read by fetchServiceResources. */
async function fetchResource(
  graph: GraphClient,
  key: GraphResourceKey,
  signal?: AbortSignal,
): Promise<Fetched> {
  const spec = resourceSpec(key);
  const options = {
    version: spec.version ?? 'v1.0',
    ...(spec.query ? { query: spec.query } : {}),
    ...(signal ? { signal } : {}),
  };
  try {
    if (spec.kind === 'get') return { ok: true, value: await graph.get(spec.path, options) };
    if (spec.history) {
      // One page (pageSize sets $top), newest first whatever order Graph used.
      const { rows } = spec.history;
      const list = await graph.list(spec.path, { ...options, maxItems: rows, pageSize: rows });
      return { ok: true, value: newestFirst(list.items) };
    }
    const list = await graph.list(spec.path, { ...options, maxItems: 20_000 });
    return { ok: true, value: list.items };
  } catch (error) {
    if (error instanceof ForbiddenError) {
      return {
        ok: false,
        status: 'skipped',
        reason: `Not permitted: reading ${spec.path} needs ${spec.permission}.`,
      };
    }
    const message = error instanceof GraphError ? error.summary : String(error);
    return { ok: false, status: 'error', reason: `Reading ${spec.path} failed: ${message}` };
  }
}

class Unavailable extends Error {
  constructor(
    readonly status: 'skipped' | 'error',
    reason: string,
  ) {
    super(reason);
  }
}

function finding(
  control: Control,
  status: FindingStatus,
  evidence: Finding['evidence'],
  tenantId: string,
  reason?: string,
  resource?: Finding['resource'],
): Finding {
  return {
    id: control.id,
    title: control.title,
    severity: control.severity,
    status,
    resource: resource ?? { type: 'tenant', id: tenantId },
    evidence,
    recommendation: control.remediation,
    references: control.references,
    ...(reason ? { reason } : {}),
  };
}

/**
 * Runs the catalogue over Graph: each resource the selected controls need is fetched once, licence
 * gating turns unlicensed controls into `skipped`, and each control's predicate decides its
 * finding from the fetched data. Nothing is stored here; the caller saves the run.
 */
export async function runAudit(graph: GraphClient, options: RunAuditOptions = {}): Promise<AuditRun> {
  const startedAt = (options.now ?? new Date()).toISOString();
  const selected = selectControls(options.filter, options.controls ?? catalogue);
  const exceptions: AuditExceptions = {
    breakGlassAccounts: options.exceptions?.breakGlassAccounts ?? [],
    approvedPublicGroups: options.exceptions?.approvedPublicGroups ?? [],
    acceptedCaExclusions: options.exceptions?.acceptedCaExclusions ?? [],
  };
  const graphControls = selected.filter(isGraphControl);
  const connection: ServiceConnection = {
    services: options.services,
    serviceAccess: options.serviceAccess,
    unreachable: new Map(),
  };

  // Licences first: they decide which resources are worth asking for.
  const cache = new Map<ResourceKey, Fetched>();
  const skus = await fetchResource(graph, 'subscribedSkus', options.signal);
  cache.set('subscribedSkus', skus);
  const licences: Set<Licence> = skus.ok
    ? licencesFrom(skus.value)
    : new Set<Licence>(['entraP1', 'entraP2', 'defenderO365P1', 'defenderO365P2']);
  const org = await fetchResource(graph, 'organization', options.signal);
  cache.set('organization', org);
  const orgRow = org.ok ? items(org.value)[0] : undefined;
  const tenantId = str(orgRow?.id) ?? 'tenant';
  // The SharePoint admin API lives on the tenant's own host, named after its initial domain: read
  // here anyway, so the admin APIs need not read /organization again.
  const initialDomain = str(items(orgRow?.verifiedDomains).find((d) => d.isInitial === true)?.name);
  if (initialDomain !== undefined) options.services?.knowInitialDomain(initialDomain);

  const licensed = (c: GraphControl) => c.licence === undefined || licences.has(c.licence);
  const usable = (key: ResourceKey) => {
    if (isServiceResource(key)) return true;
    const need = resourceSpec(key).licence;
    return need === undefined || licences.has(need);
  };
  const wanted = new Set<ResourceKey>();
  for (const c of graphControls.filter(licensed)) {
    for (const key of c.resources) wanted.add(key);
    for (const key of c.optional ?? []) if (usable(key)) wanted.add(key);
  }
  // Every run's overview shows the Secure Score and its trend: one request, whatever is selected.
  wanted.add('secureScore');
  // Break-glass accounts may be configured by UPN; CA exclusions and PIM rows name object ids.
  if (exceptions.breakGlassAccounts.some((a) => a.includes('@'))) wanted.add('users');
  const keys = [...wanted].filter((k) => !cache.has(k));
  await Promise.all([
    ...keys
      .filter((key): key is GraphResourceKey => !isServiceResource(key))
      .map(async (key) => {
        cache.set(key, await fetchResource(graph, key, options.signal));
      }),
    fetchServiceResources(connection, keys.filter(isServiceResource), options.signal).then((fetched) => {
      for (const [key, value] of fetched) cache.set(key, value);
    }),
  ]);

  const users = cache.get('users');
  if (users?.ok) exceptions.breakGlassAccounts = resolveAccounts(exceptions.breakGlassAccounts, users.value);

  const memberCache = new Map<string, { id: string; userPrincipalName?: string }[]>();
  const groupIds = new Set<string>();
  const assignments = cache.get('roleAssignments');
  const eligible = cache.get('roleEligibilities');
  for (const source of [assignments, eligible]) {
    if (!source?.ok) continue;
    for (const row of items(source.value)) {
      const type = str((row.principal as Record<string, unknown> | undefined)?.['@odata.type']);
      const id = str(row.principalId);
      if (id && type?.endsWith('.group')) groupIds.add(id);
    }
  }
  await Promise.all(
    [...groupIds].map(async (groupId) => {
      try {
        const list = await graph.list<Record<string, unknown>>(
          `/groups/${encodeURIComponent(groupId)}/transitiveMembers`,
          {
            query: { $select: 'id,userPrincipalName' },
            ...(options.signal ? { signal: options.signal } : {}),
          },
        );
        memberCache.set(
          groupId,
          list.items
            .filter((m) => str(m['@odata.type'])?.endsWith('.user') ?? true)
            .map((m) => ({
              id: str(m.id) ?? '',
              ...(str(m.userPrincipalName) ? { userPrincipalName: str(m.userPrincipalName) as string } : {}),
            })),
        );
      } catch {
        memberCache.set(groupId, []);
      }
    }),
  );

  const now = options.now ?? new Date();
  const dnsAnswers = new Map<string, DnsAnswer>();
  const ctx: EvaluationContext = {
    get<T>(key: ResourceKey): T {
      const fetched = cache.get(key);
      if (!fetched) throw new Unavailable('error', `Resource ${key} was not fetched.`);
      if (!fetched.ok) throw new Unavailable(fetched.status, fetched.reason);
      return fetched.value as T;
    },
    optional<T>(key: ResourceKey): T | undefined {
      const fetched = cache.get(key);
      return fetched?.ok ? (fetched.value as T) : undefined;
    },
    groupMembers: (groupId) => memberCache.get(groupId) ?? [],
    dns(query: DnsQuery): DnsAnswer {
      if (!options.dns)
        throw new Unavailable('skipped', options.dnsUnavailable ?? 'No DNS resolver was given to this run.');
      const answer = dnsAnswers.get(dnsKey(query));
      if (!answer) throw new Unavailable('error', `${query.type} ${query.name} was not looked up.`);
      return answer;
    },
    exceptions,
    licences,
    now,
  };

  if (options.dns) await lookUpDns(options.dns, graphControls.filter(licensed), ctx, dnsAnswers);

  const results: ControlResult[] = [];
  let done = 0;
  for (const control of selected) {
    results.push({
      section: control.section,
      level: control.level,
      profile: control.profile,
      finding: evaluateOne(control, ctx, licensed, tenantId),
    });
    done += 1;
    if (options.progress && (done % 10 === 0 || done === selected.length)) {
      await options.progress(done, selected.length, `${done} of ${selected.length} controls evaluated`);
    }
  }

  const snapshots: Record<string, unknown> = {};
  for (const [key, fetched] of cache) {
    if (!fetched.ok) continue;
    if (isServiceResource(key)) {
      snapshots[key] = stripVolatile(fetched.value, serviceResourceSpec(key).volatile);
      continue;
    }
    const spec = resourceSpec(key as GraphResourceKey);
    // Drift compares settings: of a history only the newest row holds today's.
    const value = spec.history ? items(fetched.value).slice(0, 1) : fetched.value;
    snapshots[key] = stripVolatile(value, spec.volatile);
  }
  const scores = cache.get('secureScore');
  const secureScore = scores?.ok ? summarizeSecureScores(items(scores.value)) : undefined;
  return {
    id: randomUUID(),
    source: 'graph',
    tenantId,
    ...(str(orgRow?.displayName) ? { tenantName: str(orgRow?.displayName) as string } : {}),
    startedAt,
    finishedAt: new Date().toISOString(),
    benchmark: 'CIS Microsoft 365 Foundations 6.0.0',
    results,
    snapshots,
    ...(secureScore ? { secureScore } : {}),
  };
}

function dnsKey(query: DnsQuery): string {
  return `${query.type} ${query.name.toLowerCase()}`;
}

/**
 * Every DNS question the selected controls ask, each once (the reader bounds how many are in flight),
 * answered before any control is evaluated so predicates stay synchronous.
 */
async function lookUpDns(
  reader: DnsReader,
  controls: readonly GraphControl[],
  ctx: EvaluationContext,
  answers: Map<string, DnsAnswer>,
): Promise<void> {
  const queries = new Map<string, DnsQuery>();
  for (const control of controls) {
    if (!control.dns) continue;
    try {
      for (const q of control.dns(ctx)) queries.set(dnsKey(q), q);
    } catch {
      // Its Graph data is missing: the control reports that when it is evaluated.
    }
  }
  await Promise.all(
    [...queries].map(async ([key, q]) => {
      try {
        const records = q.type === 'TXT' ? await reader.txt(q.name) : await reader.cname(q.name);
        answers.set(key, { records });
      } catch (error) {
        if (error instanceof DnsError && error.absent) answers.set(key, { absent: error.message });
        else answers.set(key, { failed: error instanceof Error ? error.message : String(error) });
      }
    }),
  );
}

/**
 * Configured accounts (object ids or UPNs, any case) as the object ids of the users they name, each
 * once; an entry that matches no user is kept as given (lower-cased).
 */
function resolveAccounts(configured: readonly string[], users: unknown): string[] {
  const rows = items(users);
  const ids = configured.map((entry) => {
    const key = entry.trim().toLowerCase();
    const user = rows.find(
      (u) => str(u.id)?.toLowerCase() === key || str(u.userPrincipalName)?.toLowerCase() === key,
    );
    return str(user?.id) ?? key;
  });
  return [...new Set(ids)];
}

function evaluateOne(
  control: Control,
  ctx: EvaluationContext,
  licensed: (c: GraphControl) => boolean,
  tenantId: string,
): Finding {
  if (control.kind === 'manual') {
    return finding(
      control,
      'manual',
      { readWith: control.readWith, where: control.where },
      tenantId,
      `${control.reason} Read it with ${control.readWith}: ${control.where}.`,
    );
  }
  if (!licensed(control)) {
    const name = control.licence ? licenceNames[control.licence] : 'a licence';
    return finding(
      control,
      'skipped',
      { requiredLicence: name },
      tenantId,
      `Not licensed: the tenant has no ${name}.`,
    );
  }
  try {
    const outcome = control.evaluate(ctx);
    return finding(control, outcome.status, outcome.evidence, tenantId, undefined, outcome.resource);
  } catch (error) {
    if (error instanceof Unavailable) return finding(control, error.status, {}, tenantId, error.message);
    return finding(
      control,
      'error',
      {},
      tenantId,
      `The check failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
