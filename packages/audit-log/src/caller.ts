import { userInfo } from 'node:os';

/** The caller of a tool call over stdio: the OS user running the server. */
export function osCaller(): string {
  try {
    return userInfo().username;
  } catch {
    // No passwd entry (e.g. an arbitrary container uid): fall back to the numeric id.
    return `uid:${process.getuid?.() ?? 'unknown'}`;
  }
}
