import { extras } from './extras.js';
import { mailDnsControls } from './mail-dns.js';
import { manualControls } from './manual.js';
import { section1 } from './section1.js';
import { section2 } from './section2.js';
import { section5General } from './section5-1.js';
import { section5Auth } from './section5-2.js';
import { section5Pim } from './section5-3.js';
import { section7 } from './section7.js';
import { serviceControls } from './service-controls.js';
import type { Control, GraphControl } from './types.js';

/**
 * The whole catalogue: evaluated controls first (Graph, DNS over Graph's domains, then the admin APIs
 * beyond Graph), then the manual ones.
 */
export const catalogue: readonly Control[] = [
  ...section1,
  ...section2,
  ...mailDnsControls,
  ...section5General,
  ...section5Auth,
  ...section5Pim,
  ...section7,
  ...extras,
  ...serviceControls,
  ...manualControls,
];

export interface ControlFilter {
  level?: 'L1' | 'L2' | undefined;
  profile?: 'E3' | 'E5' | undefined;
  /** Section prefixes, e.g. `5` or `5.2`. */
  sections?: string[] | undefined;
  ids?: string[] | undefined;
}

/** Level L1 includes only L1 controls; L2 includes both (a Level 2 audit contains Level 1). Same for E3/E5. */
export function selectControls(filter: ControlFilter = {}, from: readonly Control[] = catalogue): Control[] {
  return from.filter((c) => {
    if (filter.level === 'L1' && c.level !== 'L1') return false;
    if (filter.profile === 'E3' && c.profile !== 'E3') return false;
    if (
      filter.sections?.length &&
      !filter.sections.some(
        (s) => c.section === s || c.section.startsWith(`${s}.`) || `${c.section}.`.startsWith(`${s}.`),
      )
    )
      return false;
    if (filter.ids?.length && !filter.ids.some((id) => id === c.id || c.id.endsWith(`.${id}`))) return false;
    return true;
  });
}

export function isGraphControl(c: Control): c is GraphControl {
  return c.kind === 'graph';
}
