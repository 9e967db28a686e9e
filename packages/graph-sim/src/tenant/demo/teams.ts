import type { TeamsData } from '../teams.js';

/** The demo tenant's Teams settings. */
export function demoTeams(_now: Date): TeamsData {
  return {};
}
