import { sql } from 'kysely';
import type { ReportDefinition } from './report.ts';

/** Why customers escalate: escalations raised in the period by site, reason and status (outcome). */
export const escalationsByReason: ReportDefinition = {
  name: 'escalations-by-reason',
  title: 'Escalations by reason',
  description:
    'Escalations raised in the period, counted by site, reason and current status; an escalation with two reasons counts under each.',
  columns: [
    { key: 'site', label: 'Site' },
    { key: 'reason', label: 'Reason code' },
    { key: 'reasonLabel', label: 'Reason' },
    { key: 'status', label: 'Status' },
    { key: 'escalations', label: 'Escalations' },
    { key: 'duringOutage', label: 'Raised during an outage' },
  ],
  async run(db, { from, to, siteId }) {
    const result = await sql<{
      site: string;
      reason: string;
      reasonLabel: string;
      status: string;
      escalations: number;
      duringOutage: number;
    }>`
      SELECT s.slug AS site, r.code AS reason, r.label AS "reasonLabel", e.status,
             count(*)::int AS escalations, count(e.outage_id)::int AS "duringOutage"
      FROM escalations e
      JOIN sites s ON s.id = e.site_id
      JOIN escalation_reason_links l ON l.escalation_id = e.id
      JOIN escalation_reasons r ON r.id = l.reason_id
      WHERE e.created_at >= ${from} AND e.created_at < ${to}
        AND (${siteId}::uuid IS NULL OR e.site_id = ${siteId}::uuid)
      GROUP BY s.slug, r.code, r.label, r.position, e.status
      ORDER BY s.slug, r.position, r.code, e.status`.execute(db);
    return result.rows;
  },
};
