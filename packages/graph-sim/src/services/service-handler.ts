// The contract between the simulator's admin-API front door (authentication, throttling, faults,
// the request log, the InvokeCommand envelope and its paging: services/index.ts) and each service's
// own answers. A service module only says what the service holds for an authorised request.
import type { Tenant } from '../tenant/model.js';

/** A cmdlet's parameters as the InvokeCommand body carries them (`CmdletInput.Parameters`). */
export type CmdletParameters = Record<string, unknown>;

/**
 * One read cmdlet of Exchange Online or Security & Compliance: the objects it writes to the
 * pipeline, with the property names of Microsoft's cmdlet reference. Throws CmdletError for what
 * the real cmdlet refuses (an unknown parameter, an identity that matches nothing).
 */
export type CmdletHandler = (tenant: Tenant, parameters: CmdletParameters) => Record<string, unknown>[];

/** Cmdlets by their documented name, e.g. `Get-OrganizationConfig`. */
export type CmdletTable = Readonly<Record<string, CmdletHandler>>;

/** What a cmdlet refuses, answered as the service does (HTTP 400 with the cmdlet's error). */
export class CmdletError extends Error {
  constructor(
    /** The service's error code, e.g. `ManagementObjectNotFoundException`. */
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'CmdletError';
  }
}

/** An authorised request to a REST admin API (Teams, Fabric, SharePoint admin). */
export interface RestRequest {
  method: string;
  /** The path after the service's base URL, e.g. `/v1/admin/tenantsettings`. */
  path: string;
  query: URLSearchParams;
  tenant: Tenant;
  /**
   * The service's base URL as the client called it (scheme, host, port and any prefix, no trailing
   * slash), for the absolute next-page links a service returns (Fabric's continuationUri).
   */
  baseUrl?: string;
}

export interface RestResult {
  status: number;
  /** JSON, in the service's own shape (its error bodies too). */
  body: unknown;
  headers?: Record<string, string>;
}

/** A REST admin API's answers: its routes, its paging and its own 404/400 bodies. */
export type RestHandler = (request: RestRequest) => RestResult;
