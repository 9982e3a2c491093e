/** The person an SSE connection belongs to, as far as audiences go. */
export type Listener = { id: string; role: string; siteId: string | null; teamId: string | null };

/** An event row's audience columns (`events` table). */
export type EventAudience = {
  user_ids: string[];
  site_id: string | null;
  team_id: string | null;
  roles: string[];
};

/**
 * Same rule as `publish.ts`: named users get the event; otherwise a listener must match every
 * scope the event gives (site, team, roles). An event with no audience goes to nobody.
 */
export function isInAudience(event: EventAudience, listener: Listener): boolean {
  if (event.user_ids.includes(listener.id)) return true;
  const hasScope = event.site_id !== null || event.team_id !== null || event.roles.length > 0;
  if (!hasScope) return false;
  if (event.site_id !== null && event.site_id !== listener.siteId) return false;
  if (event.team_id !== null && event.team_id !== listener.teamId) return false;
  if (event.roles.length > 0 && !event.roles.includes(listener.role)) return false;
  return true;
}
