// A shared item as the audit reports it: where it is, what it exposes, and its score.
import type { ClassifiedPermission } from './classify-permission.js';

export interface SharedItem {
  siteId: string;
  siteName: string;
  driveId: string;
  itemId: string;
  name: string;
  webUrl: string;
  isFolder: boolean;
  /** Items below a shared folder that inherit its sharing. */
  descendants: number;
  /** The item's own sharing (inherited permissions are reported on the item they come from). */
  permissions: ClassifiedPermission[];
  score: number;
}

export function itemScore(permissions: readonly ClassifiedPermission[]): number {
  return permissions.reduce((sum, p) => sum + p.score, 0);
}

/** The most exposing permission of an item, for one-line reporting. */
export function worstPermission(item: SharedItem): ClassifiedPermission | undefined {
  return [...item.permissions].sort((a, b) => b.score - a.score)[0];
}
