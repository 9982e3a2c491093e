import { type Kysely, sql } from 'kysely';

// Issue 12 (promises in sight until handled):
// - `notifications`: what a person was alerted to, kept until they read it (the toast alone was
//   gone after nine seconds). Each person reaches only their own, in SQL as in policy.ts.
// - `tasks.promise_state` / `tasks.promise_due_at`: a callback task's contact promises summed up on
//   the task, so Activities can filter and page by them with an index (a join to task_promises
//   cannot back a keyset order). A trigger on task_promises keeps them, so every writer of promises
//   (booking, attempts, timers, rebooking) keeps them right without knowing of them.

const appRole = 'escalation_app';

const statements = [
  `CREATE TABLE notifications (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind text NOT NULL,
    task_id uuid REFERENCES tasks(id) ON DELETE CASCADE,
    title text NOT NULL,
    body text NOT NULL,
    created_at timestamptz NOT NULL,
    read_at timestamptz
  )`,
  // The inbox order (unread first, newest first) read backwards, per person.
  `CREATE INDEX notifications_inbox_idx ON notifications (user_id, (read_at IS NULL), created_at, id)`,
  `CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL`,
  `ALTER TABLE notifications ENABLE ROW LEVEL SECURITY`,
  `ALTER TABLE notifications FORCE ROW LEVEL SECURITY`,
  `CREATE POLICY system ON notifications USING (current_user <> '${appRole}') WITH CHECK (current_user <> '${appRole}')`,
  `CREATE POLICY reach_select ON notifications FOR SELECT TO ${appRole} USING (user_id = app_user_id())`,
  // Alerts are written for other people (a timer runs as the system, but an attempt logged by a
  // worker may alert a supervisor): creating is the first wall's question, as for the other tables.
  `CREATE POLICY reach_insert ON notifications FOR INSERT TO ${appRole} WITH CHECK (true)`,
  `CREATE POLICY reach_update ON notifications FOR UPDATE TO ${appRole}
     USING (user_id = app_user_id()) WITH CHECK (user_id = app_user_id())`,
  `CREATE POLICY reach_delete ON notifications FOR DELETE TO ${appRole} USING (user_id = app_user_id())`,

  `ALTER TABLE tasks ADD COLUMN promise_state text
     CHECK (promise_state IN ('open', 'at_risk', 'broken', 'kept'))`,
  `ALTER TABLE tasks ADD COLUMN promise_due_at timestamptz`,
  `CREATE INDEX tasks_promise_order_idx ON tasks ((coalesce(promise_due_at, 'infinity'::timestamptz)), id)`,
  // The state shown for a task, from its live (not superseded) promises: a broken one stays in sight
  // until the task is done; then at risk, open, kept. The due time is the one that state is about
  // (the earliest broken, at-risk or open promise; the latest kept).
  `CREATE FUNCTION task_promise_summary(task uuid, OUT state text, OUT due_at timestamptz)
     LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
     AS $$
       SELECT s.state, s.due_at FROM (
         SELECT CASE WHEN p.kept_at IS NOT NULL THEN 'kept' WHEN p.broken_at IS NOT NULL THEN 'broken'
                     WHEN p.at_risk_at IS NOT NULL THEN 'at_risk' ELSE 'open' END AS state, p.due_at
         FROM task_promises p WHERE p.task_id = task AND p.superseded_at IS NULL) s
       ORDER BY CASE s.state WHEN 'broken' THEN 1 WHEN 'at_risk' THEN 2 WHEN 'open' THEN 3 ELSE 4 END,
         CASE WHEN s.state = 'kept' THEN NULL ELSE s.due_at END ASC NULLS LAST, s.due_at DESC
       LIMIT 1
     $$`,
  // Definer's rights: the person whose request writes a promise (an agent booking) need not reach
  // the team's task the summary lives on.
  `CREATE FUNCTION refresh_task_promise_state() RETURNS trigger
     LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
     AS $$
     DECLARE
       target uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.task_id ELSE NEW.task_id END;
       summary record;
     BEGIN
       SELECT * INTO summary FROM task_promise_summary(target);
       UPDATE tasks SET promise_state = summary.state, promise_due_at = summary.due_at
       WHERE id = target
         AND (promise_state IS DISTINCT FROM summary.state OR promise_due_at IS DISTINCT FROM summary.due_at);
       RETURN NULL;
     END $$`,
  `REVOKE ALL ON FUNCTION task_promise_summary(uuid) FROM PUBLIC`,
  `REVOKE ALL ON FUNCTION refresh_task_promise_state() FROM PUBLIC`,
  `CREATE TRIGGER task_promises_summary AFTER INSERT OR UPDATE OR DELETE ON task_promises
     FOR EACH ROW EXECUTE FUNCTION refresh_task_promise_state()`,
  `UPDATE tasks t SET promise_state = s.state, promise_due_at = s.due_at
     FROM (SELECT DISTINCT task_id FROM task_promises) p, task_promise_summary(p.task_id) s
     WHERE t.id = p.task_id`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('DROP TRIGGER task_promises_summary ON task_promises').execute(db);
  await sql.raw('DROP FUNCTION refresh_task_promise_state()').execute(db);
  await sql.raw('DROP FUNCTION task_promise_summary(uuid)').execute(db);
  await sql.raw('DROP INDEX tasks_promise_order_idx').execute(db);
  await sql.raw('ALTER TABLE tasks DROP COLUMN promise_due_at').execute(db);
  await sql.raw('ALTER TABLE tasks DROP COLUMN promise_state').execute(db);
  await sql.raw('DROP TABLE notifications').execute(db);
}
