import type { Db } from '../../db/client.ts';

/** A cell of a report: reports are flat tables of names, counts and measures. */
export type Cell = string | number | null;
export type Row = Record<string, Cell>;
export type Column = { key: string; label: string };

/** What every report is asked: a period `[from, to)`, an optional site and the current time. */
export type ReportParams = { from: Date; to: Date; siteId: string | null; now: Date };

/**
 * The task list (`GET /api/tasks` and Activities) query that lists exactly the tasks a count
 * counts: filters by name, as the list takes them (`teamId`, `status`, `createdFrom`, …).
 */
export type TaskQuery = Record<string, string>;

export type ReportDefinition = {
  name: string;
  /** What people read (the name is for URLs and integrations). */
  title: string;
  description: string;
  columns: Column[];
  run(db: Db, params: ReportParams): Promise<Row[]>;
  /**
   * For counts of tasks: per column, the task query that reproduces the count, so a person can open
   * what was counted. For counts of promises: the tasks those promises belong to (a task with two
   * broken promises is listed once). `row` is as `run` gave it (with fields that are not columns,
   * such as ids); `site` is the slug asked for. Counts of escalations and transfers have no links.
   */
  taskLinks?(row: Row, params: ReportParams & { site: string | null }): Record<string, TaskQuery>;
};

/** Rounds a measure for display; null stays null (no data is not zero). */
export function rounded(value: unknown, digits = 1): number | null {
  if (value === null || value === undefined) return null;
  const factor = 10 ** digits;
  return Math.round(Number(value) * factor) / factor;
}

/** A share as a percentage with one decimal, or null when there is nothing to divide. */
export function percent(part: number, whole: number): number | null {
  return whole > 0 ? rounded((100 * part) / whole) : null;
}
