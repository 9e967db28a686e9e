// The `tenant` argument every tool takes when the server serves a tenants registry. The kit owns it:
// it is listed first in each tool's input schema, taken off the arguments before the tool's own
// schema sees them, and resolved against the registry (an unknown tenant is refused with the valid
// names). Tools never declare it and never see it; they get ctx.tenant.
import { UnknownTenantError } from '@m365-mcp/auth';
import { z } from 'zod';
import { checkArgumentText } from '../tools/argument-text.js';
import type { ToolTenant } from '../tools/tool-context.js';
import { ToolInputError } from '../tools/tool-input-error.js';
import type { TenantConnections } from './tenant-connections.js';

export const tenantArgumentName = 'tenant';
/** Longer than any name ([a-z0-9-], at most 63) or GUID: what is longer is refused unread. */
const MAX_TENANT_ARGUMENT = 200;

/** Short on purpose: tools/list is paid on every turn, once per tool. */
export const tenantArgumentSchema = z
  .string()
  .min(1)
  .max(MAX_TENANT_ARGUMENT)
  .describe('Tenant name or id (list_tenants lists them)');

/** A tool's input shape with the required `tenant` first. */
export function withTenantArgument(tool: string, shape: z.ZodRawShape): z.ZodRawShape {
  if (tenantArgumentName in shape) {
    throw new Error(`Tool ${tool}: "${tenantArgumentName}" is reserved for the kit (the tenants registry).`);
  }
  return { [tenantArgumentName]: tenantArgumentSchema, ...shape };
}

export type TakenTenant =
  | { ok: true; tenant: ToolTenant; rest: Record<string, unknown> }
  | { ok: false; message: string };

/**
 * Takes `tenant` off the arguments a client sent and resolves it. The rest go to the tool's schema;
 * a missing, malformed or unknown tenant is a refusal saying what to send instead.
 */
export function takeTenantArgument(
  tenants: TenantConnections,
  tool: string,
  raw: Record<string, unknown>,
): TakenTenant {
  const { [tenantArgumentName]: value, ...rest } = raw;
  try {
    if (typeof value !== 'string' || value.trim() === '') {
      const problem =
        value === undefined
          ? 'is missing'
          : typeof value === 'string'
            ? 'is empty'
            : `must be a string, not ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`;
      return {
        ok: false,
        message: `Invalid arguments for ${tool}: "tenant" ${problem}. This server serves ${describeRegistry(
          tenants,
        )}; call list_tenants for their names, then call ${tool} again with one.`,
      };
    }
    if (value.length > MAX_TENANT_ARGUMENT) {
      return {
        ok: false,
        message: `Invalid arguments for ${tool}: "tenant" is longer than any tenant name or id (${value.length} characters); list_tenants lists them.`,
      };
    }
    checkArgumentText(value, '"tenant"');
    return { ok: true, tenant: tenants.resolve(value), rest };
  } catch (error) {
    if (error instanceof UnknownTenantError || error instanceof ToolInputError) {
      return { ok: false, message: `${error.message} (${tool} was not run.)` };
    }
    throw error;
  }
}

function describeRegistry(tenants: TenantConnections): string {
  const count = tenants.registry.tenants.length;
  return `${count} tenant${count === 1 ? '' : 's'}`;
}
