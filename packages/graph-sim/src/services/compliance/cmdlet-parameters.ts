// What the read cmdlets of Exchange Online (its Defender policies) and Security & Compliance do with
// their parameters, shared by their tables: refuse a parameter the cmdlet does not take or a value of
// the wrong type (PowerShell's parameter binding), and find objects by -Identity (name, identity or
// GUID, case-insensitive) or say, as the service does, that none matched.
import type { Tenant } from '../../tenant/model.js';
import { CmdletError, type CmdletHandler, type CmdletParameters } from '../service-handler.js';

/** A parameter's type as the cmdlet binds it: a string, a switch, or ResultSize (a number or 'Unlimited'). */
export type ParameterType = 'string' | 'switch' | 'resultSize';

/** Checks the parameters against what the cmdlet takes; throws CmdletError as PowerShell's binding does. */
export function bindParameters(
  cmdlet: string,
  parameters: CmdletParameters,
  accepted: Readonly<Record<string, ParameterType>>,
): void {
  for (const [name, value] of Object.entries(parameters)) {
    const key = Object.keys(accepted).find((k) => k.toLowerCase() === name.toLowerCase());
    if (key === undefined) {
      throw new CmdletError(
        'ParameterBindingException',
        `${cmdlet}: A parameter cannot be found that matches parameter name '${name}'.`,
      );
    }
    const type = accepted[key];
    const fits =
      type === 'string'
        ? typeof value === 'string'
        : type === 'switch'
          ? typeof value === 'boolean'
          : (typeof value === 'number' && Number.isInteger(value) && value > 0) ||
            (typeof value === 'string' && value.toLowerCase() === 'unlimited');
    if (!fits) {
      throw new CmdletError(
        'ParameterBindingException',
        `${cmdlet}: Cannot bind parameter '${key}': the value ${JSON.stringify(value)} is not a valid ${type === 'resultSize' ? 'ResultSize (a positive number or Unlimited)' : type}.`,
      );
    }
  }
}

/** A parameter's value, whatever case the caller wrote its name in. */
export function parameter(parameters: CmdletParameters, name: string): unknown {
  const key = Object.keys(parameters).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : parameters[key];
}

function matches(object: Record<string, unknown>, identity: string): boolean {
  const wanted = identity.toLowerCase();
  return ['Identity', 'Name', 'Guid', 'UserPrincipalName', 'ExternalDirectoryObjectId'].some(
    (p) => typeof object[p] === 'string' && (object[p] as string).toLowerCase() === wanted,
  );
}

/**
 * The objects the cmdlet writes: every one, or (with -Identity) the one it names; an Identity that
 * names nothing is the service's ManagementObjectNotFoundException. Copies, so a caller cannot
 * change the tenant through them.
 */
export function selectByIdentity<T extends object>(
  objects: readonly T[],
  parameters: CmdletParameters,
): Record<string, unknown>[] {
  const identity = parameter(parameters, 'Identity');
  const rows = objects.map((o) => structuredClone(o) as Record<string, unknown>);
  if (identity === undefined) return rows;
  const found = rows.filter((o) => matches(o, identity as string));
  if (found.length === 0) {
    throw new CmdletError(
      'ManagementObjectNotFoundException',
      `The operation couldn't be performed because object '${identity as string}' couldn't be found.`,
    );
  }
  return found;
}

/**
 * A read cmdlet over a list of objects: takes -Identity (and, for rules, -State: Enabled or
 * Disabled, which filters them), and refuses anything else.
 */
export function listCmdlet<T extends object>(
  cmdlet: string,
  list: (tenant: Tenant) => readonly T[],
  options: { state?: boolean } = {},
): CmdletHandler {
  return (tenant, parameters) => {
    bindParameters(
      cmdlet,
      parameters,
      options.state ? { Identity: 'string', State: 'string' } : { Identity: 'string' },
    );
    const rows = selectByIdentity(list(tenant), parameters);
    const state = parameter(parameters, 'State');
    if (state === undefined) return rows;
    if (state !== 'Enabled' && state !== 'Disabled') {
      throw new CmdletError(
        'ParameterBindingException',
        `${cmdlet}: Cannot bind parameter 'State': '${state as string}' is not one of Enabled, Disabled.`,
      );
    }
    return rows.filter((r) => r.State === state);
  };
}

/** A read cmdlet over the service's one object of a kind (its -Identity must name that object). */
export function singletonCmdlet<T extends object>(cmdlet: string, get: (tenant: Tenant) => T): CmdletHandler {
  return listCmdlet(cmdlet, (tenant) => [get(tenant)]);
}
