import { escalationsByReason } from './escalations-by-reason.ts';
import { promisesKept } from './promises-kept.ts';
import type { ReportDefinition } from './report.ts';
import { taskAgeing } from './task-ageing.ts';
import { teamScorecards } from './team-scorecards.ts';
import { tier3Assignments } from './tier3-assignments.ts';
import { transferWaits } from './transfer-waits.ts';

/** Every report by name; adding one is a file and a line here. */
export const reports: ReadonlyMap<string, ReportDefinition> = new Map(
  [escalationsByReason, transferWaits, promisesKept, teamScorecards, taskAgeing, tier3Assignments].map(
    (r) => [r.name, r],
  ),
);

/** Reports that describe the present (a backlog): without `from` they cover all time. */
export const snapshotReports = new Set(['task-ageing']);
