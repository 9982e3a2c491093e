import { sql } from 'kysely';

/**
 * The site a task belongs to, for site filters (the task list's `site`, and the reports, whose
 * counts the list must reproduce): its appointment's site, else its escalation's, else
 * the site of the person who created it. Needs `tasks` aliased `t` in the query.
 */
export const taskSiteId = sql<string | null>`COALESCE(
  (SELECT a.site_id FROM appointments a WHERE a.id = t.appointment_id),
  (SELECT e.site_id FROM escalations e WHERE e.id = t.escalation_id),
  (SELECT u.site_id FROM users u WHERE u.id = t.created_by)
)`;
