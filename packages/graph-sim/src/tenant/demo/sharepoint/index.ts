// Contoso's SharePoint and OneDrive: risky tenant sharing settings, six sites (five with planted
// sharing problems and sensitive files, one clean) and three OneDrives with some sharing.
import type { SharePointData } from '../../sharepoint.js';
import { demoClock } from './context.js';
import { demoOneDrives } from './onedrives.js';
import { demoSharePointSettings } from './settings.js';
import { demoTeamSites } from './team-sites.js';

export function demoSharePoint(now: Date): SharePointData {
  const clock = demoClock(now);
  const parts = [...demoTeamSites(clock), ...demoOneDrives(clock)];
  return {
    settings: demoSharePointSettings(),
    sites: parts.map((p) => p.site),
    drives: parts.map((p) => p.drive),
  };
}

export { PLANTED_CARD_NUMBERS, PLANTED_IBANS } from './content.js';
export { DEMO_APPS } from './team-sites.js';
