// Exchange Online's and Security & Compliance's REST endpoint for cmdlets:
// POST /adminapi/beta/{tenant}/InvokeCommand with {"CmdletInput":{"CmdletName","Parameters"}}. The
// answer is an OData collection; `Prefer: odata.maxpagesize=N` pages it and `@odata.nextLink` is
// POSTed with the same body. Failures carry the cmdlet's exception in the OData error's details.
import { createHash } from 'node:crypto';
import type { Tenant } from '../tenant/model.js';
import { CmdletError, type CmdletParameters, type CmdletTable } from './service-handler.js';
import { exchangeError, jsonResponse, type ServiceResponse } from './service-responses.js';

/** Without a Prefer header the service still pages; 1000 is what ExchangeOnlineManagement asks for. */
export const DEFAULT_CMDLET_PAGE_SIZE = 1000;

export interface CmdletCall {
  cmdlet: string;
  parameters: CmdletParameters;
}

/** The path after the service prefix names InvokeCommand: its API version and tenant segment. */
export function invokeCommandPath(
  segments: readonly string[],
): { version: string; tenant: string } | undefined {
  if (segments.length !== 4) return undefined;
  const [adminapi, version, tenant, invoke] = segments as [string, string, string, string];
  if (adminapi.toLowerCase() !== 'adminapi' || invoke.toLowerCase() !== 'invokecommand') return undefined;
  if (version !== 'beta' && version !== 'v1.0') return undefined;
  return { version, tenant };
}

/** True when the path's tenant is this tenant: its id, initial domain or one of its domains. */
export function isTenantSegment(tenant: Tenant, segment: string): boolean {
  const lower = segment.toLowerCase();
  if (lower === tenant.id.toLowerCase() || lower === tenant.initialDomain.toLowerCase()) return true;
  const domains = tenant.directory?.domains ?? [];
  return domains.some((d) => d.id.toLowerCase() === lower);
}

function errorDetail(type: string, message: string): { code: string; target: string; message: string } {
  // The service prefixes the exception with a short hex tag and its .NET type.
  const tag = createHash('sha1').update(type).digest('hex').slice(0, 6).toUpperCase();
  return { code: 'Context', target: '', message: `Ex${tag}|${type}|${message}` };
}

function badRequest(message: string): ServiceResponse {
  return exchangeError(400, 'BadRequest', message);
}

/** Reads the InvokeCommand body; a response when it is not one. */
export function parseCmdletCall(body: Buffer): CmdletCall | ServiceResponse {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return badRequest(
      'The request body is not valid JSON: expected {"CmdletInput":{"CmdletName":"...","Parameters":{...}}}.',
    );
  }
  const input = (parsed as { CmdletInput?: unknown } | null)?.CmdletInput as
    | { CmdletName?: unknown; Parameters?: unknown }
    | undefined;
  if (
    !input ||
    typeof input !== 'object' ||
    typeof input.CmdletName !== 'string' ||
    input.CmdletName === ''
  ) {
    return badRequest('The request body has no CmdletInput.CmdletName.');
  }
  const parameters = input.Parameters ?? {};
  if (typeof parameters !== 'object' || parameters === null || Array.isArray(parameters)) {
    return badRequest('CmdletInput.Parameters must be an object of parameter names and values.');
  }
  return { cmdlet: input.CmdletName, parameters: parameters as CmdletParameters };
}

/** The cmdlet's handler, found without regard to case as PowerShell does. */
function lookUp(table: CmdletTable, name: string) {
  const lower = name.toLowerCase();
  const key = Object.keys(table).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : table[key];
}

interface PageToken {
  offset: number;
  cmdlet: string;
}

function encodeToken(token: PageToken): string {
  return Buffer.from(JSON.stringify({ o: token.offset, c: token.cmdlet.toLowerCase() })).toString(
    'base64url',
  );
}

function decodeToken(text: string): PageToken | undefined {
  try {
    const value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as { o?: unknown; c?: unknown };
    if (
      typeof value.o !== 'number' ||
      !Number.isInteger(value.o) ||
      value.o < 0 ||
      typeof value.c !== 'string'
    ) {
      return undefined;
    }
    return { offset: value.o, cmdlet: value.c };
  } catch {
    return undefined;
  }
}

function pageSize(prefer: string | undefined): number {
  const match = /odata\.maxpagesize\s*=\s*(\d+)/i.exec(prefer ?? '');
  const size = match ? Number(match[1]) : DEFAULT_CMDLET_PAGE_SIZE;
  return size > 0 ? size : DEFAULT_CMDLET_PAGE_SIZE;
}

function select(
  item: Record<string, unknown>,
  properties: readonly string[] | undefined,
): Record<string, unknown> {
  if (!properties) return item;
  const wanted = new Set(properties.map((p) => p.toLowerCase()));
  return Object.fromEntries(Object.entries(item).filter(([name]) => wanted.has(name.toLowerCase())));
}

export interface InvokeCommandContext {
  tenant: Tenant;
  table: CmdletTable;
  /** `${origin}${prefix}/adminapi/${version}/${tenant segment}`: the base of context and nextLink. */
  baseUrl: string;
  search: string;
  prefer: string | undefined;
  /** A scripted `nextLinkLoop` fault: the page links back to itself. */
  nextLinkLoop?: boolean;
}

/** Runs the cmdlet and answers one page of its output. */
export function invokeCommand(ctx: InvokeCommandContext, call: CmdletCall): ServiceResponse {
  const handler = lookUp(ctx.table, call.cmdlet);
  if (!handler) {
    return exchangeError(400, 'BadRequest', 'Error executing cmdlet', [
      errorDetail(
        'System.Management.Automation.CommandNotFoundException',
        `The term '${call.cmdlet}' is not recognized as the name of a cmdlet, function, script file, or operable program.`,
      ),
    ]);
  }
  const query = new URLSearchParams(ctx.search);
  let offset = 0;
  const skipToken = query.get('$skiptoken') ?? query.get('%24skiptoken');
  if (skipToken !== null) {
    const token = decodeToken(skipToken);
    if (!token || token.cmdlet !== call.cmdlet.toLowerCase()) {
      return badRequest(
        'The $skiptoken is not valid for this request: POST the same body to the @odata.nextLink.',
      );
    }
    offset = token.offset;
  }
  let output: Record<string, unknown>[];
  try {
    output = handler(ctx.tenant, call.parameters);
  } catch (error) {
    if (!(error instanceof CmdletError)) throw error;
    const notFound = /NotFound/i.test(error.code);
    const type = error.code.includes('.')
      ? error.code
      : `Microsoft.Exchange.Configuration.Tasks.${error.code}`;
    return exchangeError(
      notFound ? 404 : 400,
      notFound ? 'NotFound' : 'BadRequest',
      'Error executing cmdlet',
      [errorDetail(type, error.message)],
    );
  }
  const size = pageSize(ctx.prefer);
  const properties = query
    .get('$select')
    ?.split(',')
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  const page = output.slice(offset, offset + size).map((item) => select(item, properties));
  const body: Record<string, unknown> = {
    '@odata.context': `${ctx.baseUrl}/$metadata#Collection(Exchange.GenericHashTable)`,
    value: page,
  };
  if (ctx.nextLinkLoop) {
    body['@odata.nextLink'] = `${ctx.baseUrl}/InvokeCommand${ctx.search ? `?${ctx.search}` : ''}`;
  } else if (offset + size < output.length) {
    const next = new URLSearchParams();
    if (properties) next.set('$select', properties.join(','));
    next.set('$skiptoken', encodeToken({ offset: offset + size, cmdlet: call.cmdlet }));
    body['@odata.nextLink'] = `${ctx.baseUrl}/InvokeCommand?${next.toString()}`;
  }
  return jsonResponse(
    200,
    body,
    /odata\.maxpagesize/i.test(ctx.prefer ?? '') ? { 'Preference-Applied': `odata.maxpagesize=${size}` } : {},
  );
}
