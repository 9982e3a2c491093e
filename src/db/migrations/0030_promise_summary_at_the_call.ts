import { type Kysely, sql } from 'kysely';

// The task's promise summary (`tasks.promise_state`, `promise_due_at`, from 0025) was kept by a
// trigger on task_promises: a write to tasks that no caller could see. It is now a function the
// promises repository calls after each of its writes, in the same transaction, where the reader of
// the code sees it. It keeps definer's rights: an agent booking writes the promise of a team's task
// it does not reach.

const appRole = 'escalation_app';

const statements = [
  'DROP TRIGGER task_promises_summary ON task_promises',
  'DROP FUNCTION refresh_task_promise_state()',
  `CREATE FUNCTION refresh_task_promise_summary(task uuid) RETURNS void
     LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
     AS $$
     DECLARE
       summary record;
     BEGIN
       SELECT * INTO summary FROM task_promise_summary(task);
       UPDATE tasks SET promise_state = summary.state, promise_due_at = summary.due_at
       WHERE id = task
         AND (promise_state IS DISTINCT FROM summary.state OR promise_due_at IS DISTINCT FROM summary.due_at);
     END $$`,
  'REVOKE ALL ON FUNCTION refresh_task_promise_summary(uuid) FROM PUBLIC',
  `GRANT EXECUTE ON FUNCTION refresh_task_promise_summary(uuid) TO ${appRole}`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('DROP FUNCTION refresh_task_promise_summary(uuid)').execute(db);
  await sql
    .raw(`CREATE FUNCTION refresh_task_promise_state() RETURNS trigger
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
     END $$`)
    .execute(db);
  await sql
    .raw(`CREATE TRIGGER task_promises_summary AFTER INSERT OR UPDATE OR DELETE ON task_promises
     FOR EACH ROW EXECUTE FUNCTION refresh_task_promise_state()`)
    .execute(db);
}
