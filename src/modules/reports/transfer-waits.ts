import { sql } from 'kysely';
import { percent, type ReportDefinition, rounded } from './report.ts';

/** How long customers waited in each site's Leadership Desk queue, by site and local day. */
export const transferWaits: ReportDefinition = {
  name: 'transfer-waits',
  title: 'Transfer waits',
  description:
    "Live-transfer requests that entered a site's queue in the period, by site and day (in the site's time zone): how many were answered or abandoned and how long they waited.",
  columns: [
    { key: 'site', label: 'Site' },
    { key: 'date', label: 'Date' },
    { key: 'requests', label: 'Requests' },
    { key: 'answered', label: 'Answered' },
    { key: 'abandoned', label: 'Abandoned' },
    { key: 'stillWaiting', label: 'Still waiting' },
    { key: 'answeredWithinThreshold', label: 'Answered within threshold' },
    { key: 'answeredWithinThresholdPercent', label: 'Answered within threshold (%)' },
    { key: 'thresholdReached', label: 'Reached the threshold' },
    { key: 'averageAnswerSeconds', label: 'Average wait to answer (s)' },
    { key: 'p90AnswerSeconds', label: '90th percentile wait to answer (s)' },
    { key: 'maxAnswerSeconds', label: 'Longest wait to answer (s)' },
    { key: 'averageAbandonSeconds', label: 'Average wait before abandoning (s)' },
  ],
  async run(db, { from, to, siteId }) {
    const answerWait = sql`extract(epoch FROM (tr.answered_at - tr.enqueued_at))`;
    const result = await sql<Record<string, number | string | null>>`
      SELECT s.slug AS site,
        to_char(tr.enqueued_at AT TIME ZONE s.time_zone, 'YYYY-MM-DD') AS date,
        count(*)::int AS requests,
        count(tr.answered_at)::int AS answered,
        count(*) FILTER (WHERE tr.answered_at IS NULL AND tr.abandoned_at IS NOT NULL)::int AS abandoned,
        count(*) FILTER (WHERE tr.status = 'waiting')::int AS "stillWaiting",
        count(*) FILTER (WHERE ${answerWait} <= tr.threshold_seconds)::int AS "answeredWithinThreshold",
        count(tr.threshold_reached_at)::int AS "thresholdReached",
        avg(${answerWait}) AS "averageAnswerSeconds",
        percentile_cont(0.9) WITHIN GROUP (ORDER BY ${answerWait}) AS "p90AnswerSeconds",
        max(${answerWait}) AS "maxAnswerSeconds",
        avg(extract(epoch FROM (tr.abandoned_at - tr.enqueued_at)))
          FILTER (WHERE tr.answered_at IS NULL) AS "averageAbandonSeconds"
      FROM transfer_requests tr
      JOIN sites s ON s.id = tr.site_id
      WHERE tr.enqueued_at >= ${from} AND tr.enqueued_at < ${to}
        AND (${siteId}::uuid IS NULL OR tr.site_id = ${siteId}::uuid)
      GROUP BY s.slug, 2
      ORDER BY s.slug, 2`.execute(db);
    return result.rows.map((row) => ({
      ...row,
      answeredWithinThresholdPercent: percent(Number(row.answeredWithinThreshold), Number(row.answered)),
      averageAnswerSeconds: rounded(row.averageAnswerSeconds),
      p90AnswerSeconds: rounded(row.p90AnswerSeconds),
      maxAnswerSeconds: rounded(row.maxAnswerSeconds),
      averageAbandonSeconds: rounded(row.averageAbandonSeconds),
    }));
  },
};
