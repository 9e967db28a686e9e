import type { ServerConfig } from '../config/server-config.js';
import { refuse } from './write-plan.js';

export interface AccountRef {
  id: string;
  userPrincipalName?: string | null | undefined;
}

/** True when the account is one of the configured break-glass accounts (by object id or UPN). */
export function isBreakGlassAccount(
  config: Pick<ServerConfig, 'breakGlassAccounts'>,
  account: AccountRef,
): boolean {
  const names = new Set(config.breakGlassAccounts.map((entry) => entry.trim().toLowerCase()));
  return (
    names.has(account.id.toLowerCase()) ||
    (account.userPrincipalName != null && names.has(account.userPrincipalName.toLowerCase()))
  );
}

/**
 * Refuses a write that would touch a break-glass account: those exist to get back in when
 * everything else is locked out, so no tool may disable, restrict or reset them.
 */
export function refuseIfBreakGlass(
  config: Pick<ServerConfig, 'breakGlassAccounts'>,
  account: AccountRef,
  action: string,
): void {
  if (isBreakGlassAccount(config, account)) {
    refuse(
      `${account.userPrincipalName ?? account.id} is a configured break-glass account (M365_BREAK_GLASS_ACCOUNTS); ${action} it could lock the tenant out.`,
    );
  }
}

/**
 * Refuses a write that would leave the tenant without an enabled Global Administrator. The caller
 * supplies the active Global Administrator assignments' principal ids and which of them are enabled.
 */
export function refuseIfLastGlobalAdmin(
  account: AccountRef,
  enabledGlobalAdminIds: readonly string[],
  action: string,
): void {
  const others = enabledGlobalAdminIds.filter((id) => id !== account.id);
  if (enabledGlobalAdminIds.includes(account.id) && others.length === 0) {
    refuse(
      `${account.userPrincipalName ?? account.id} is the last enabled Global Administrator; ${action} it would lock the tenant out. Make another account Global Administrator first.`,
    );
  }
}
