import { type Kysely, sql } from 'kysely';

// The second wall (docs/walls.md): row-level security on the records a site or team owns, with the
// reach rules of the first wall. A signed-in person's queries run as `escalation_app` with the actor
// in the settings `app.user_id`, `app.role`, `app.site_id`, `app.team_id` (src/db/row-security.ts);
// with no actor setting, that role reaches nothing. System work runs as the owner: a superuser
// bypasses row security anyway, and the `system` policy lets a non-superuser owner through despite
// FORCE ROW LEVEL SECURITY (which makes both engines, and both kinds of owner, behave alike).

const appRole = 'escalation_app';

const setup = [
  // Roles are cluster-wide and test databases migrate concurrently: two creations can race, and the
  // loser sees duplicate_object or unique_violation (pg_authid's index) instead of the check.
  `DO $$ BEGIN
     IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${appRole}') THEN
       BEGIN
         CREATE ROLE ${appRole} NOLOGIN;
       EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
       END;
     END IF;
     -- SET ROLE needs membership; a superuser owner has it already.
     IF NOT pg_has_role(current_user, '${appRole}', 'MEMBER') THEN
       EXECUTE format('GRANT ${appRole} TO %I', current_user);
     END IF;
   END $$`,
  `GRANT USAGE ON SCHEMA public TO ${appRole}`,
  `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${appRole}`,
  `GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${appRole}`,
  // Tables and sequences of later migrations (created by this same owner) are granted as they come.
  `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${appRole}`,
  `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO ${appRole}`,
  `REVOKE ALL ON kysely_migration, kysely_migration_lock FROM ${appRole}`,

  // The actor as the policies read it: an unset or empty setting is null, so it matches nothing.
  `CREATE FUNCTION app_user_id() RETURNS uuid LANGUAGE sql STABLE
     AS $$ SELECT nullif(current_setting('app.user_id', true), '')::uuid $$`,
  `CREATE FUNCTION app_role() RETURNS text LANGUAGE sql STABLE
     AS $$ SELECT nullif(current_setting('app.role', true), '') $$`,
  `CREATE FUNCTION app_site_id() RETURNS uuid LANGUAGE sql STABLE
     AS $$ SELECT nullif(current_setting('app.site_id', true), '')::uuid $$`,
  `CREATE FUNCTION app_team_id() RETURNS uuid LANGUAGE sql STABLE
     AS $$ SELECT nullif(current_setting('app.team_id', true), '')::uuid $$`,
  `CREATE FUNCTION app_is_overseer() RETURNS boolean LANGUAGE sql STABLE
     AS $$ SELECT coalesce(app_role() IN ('supervisor', 'lead', 'sme', 'admin'), false) $$`,
  `CREATE FUNCTION app_is_team_worker() RETURNS boolean LANGUAGE sql STABLE
     AS $$ SELECT coalesce(app_role() IN ('callback_agent', 'tier2', 'tier3', 'exec_escalations', 'purchasing'), false) $$`,
  // Escalations raised by the actor, read as the owner: the appointments policy needs them, and
  // reading escalations there under their own policy (which reads appointments) would recurse.
  `CREATE FUNCTION app_raised_escalation_ids() RETURNS SETOF uuid LANGUAGE sql STABLE
     SECURITY DEFINER SET search_path = public
     AS $$ SELECT id FROM escalations WHERE raised_by = app_user_id() $$`,
  `REVOKE ALL ON FUNCTION app_raised_escalation_ids() FROM PUBLIC`,
  `GRANT EXECUTE ON FUNCTION app_raised_escalation_ids() TO ${appRole}`,
  // What a team's tasks lead to, read as the owner in one function scan per query: written as
  // subqueries under the tables' own policies (escalations → appointments → tasks), the nesting
  // made planning each query on escalations and their transfers or permissions 5-10× slower
  // (PGlite, measured), and plain subqueries on tasks still planned 2-3× slower than these.
  `CREATE FUNCTION app_team_escalation_ids() RETURNS SETOF uuid LANGUAGE sql STABLE
     SECURITY DEFINER SET search_path = public
     AS $$ SELECT t.escalation_id FROM tasks t
           WHERE t.team_id = app_team_id() AND t.escalation_id IS NOT NULL
           UNION
           SELECT a.escalation_id FROM tasks t JOIN appointments a ON a.id = t.appointment_id
           WHERE t.team_id = app_team_id() $$`,
  `CREATE FUNCTION app_team_customer_ids() RETURNS SETOF uuid LANGUAGE sql STABLE
     SECURITY DEFINER SET search_path = public
     AS $$ SELECT t.customer_id FROM tasks t
           WHERE t.team_id = app_team_id() AND t.customer_id IS NOT NULL
           UNION
           SELECT j.customer_id FROM tasks t JOIN jobs j ON j.id = t.job_id
           WHERE t.team_id = app_team_id() $$`,
  `CREATE FUNCTION app_team_job_ids() RETURNS SETOF uuid LANGUAGE sql STABLE
     SECURITY DEFINER SET search_path = public
     AS $$ SELECT job_id FROM tasks WHERE team_id = app_team_id() AND job_id IS NOT NULL $$`,
  `CREATE FUNCTION app_team_appointment_ids() RETURNS SETOF uuid LANGUAGE sql STABLE
     SECURITY DEFINER SET search_path = public
     AS $$ SELECT appointment_id FROM tasks WHERE team_id = app_team_id() AND appointment_id IS NOT NULL $$`,
  `CREATE FUNCTION app_team_exception_ids() RETURNS SETOF uuid LANGUAGE sql STABLE
     SECURITY DEFINER SET search_path = public
     AS $$ SELECT exception_id FROM tasks WHERE team_id = app_team_id() AND exception_id IS NOT NULL $$`,
  ...['job', 'appointment', 'exception'].flatMap((kind) => [
    `REVOKE ALL ON FUNCTION app_team_${kind}_ids() FROM PUBLIC`,
    `GRANT EXECUTE ON FUNCTION app_team_${kind}_ids() TO ${appRole}`,
  ]),
  `REVOKE ALL ON FUNCTION app_team_escalation_ids() FROM PUBLIC`,
  `GRANT EXECUTE ON FUNCTION app_team_escalation_ids() TO ${appRole}`,
  `REVOKE ALL ON FUNCTION app_team_customer_ids() FROM PUBLIC`,
  `GRANT EXECUTE ON FUNCTION app_team_customer_ids() TO ${appRole}`,
  // Least-loaded routing weighs every open task of the team's members, whoever's request routes
  // (an agent's booking routes to a callback team whose tasks the agent cannot see). A function
  // read as the owner costs no extra statement in the booking, unlike switching roles around it.
  `CREATE FUNCTION open_task_counts(user_ids uuid[]) RETURNS TABLE (assignee_id uuid, open bigint)
     LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
     AS $$ SELECT assignee_id, count(*) FROM tasks
           WHERE assignee_id = ANY (user_ids) AND status <> 'completed' GROUP BY assignee_id $$`,
  `REVOKE ALL ON FUNCTION open_task_counts(uuid[]) FROM PUBLIC`,
  `GRANT EXECUTE ON FUNCTION open_task_counts(uuid[]) TO ${appRole}`,
];

/**
 * Reach per table, as SQL over the row (docs/walls.md). Overseers first: the cheapest test answers
 * most of the desk's queries. A subquery on another table under row security is filtered by that
 * table's own policy as well, which is the rule "X of the Y they reach".
 */
const reach: Record<string, string> = {
  tasks: `app_is_overseer()
    OR (app_role() = 'agent' AND created_by = app_user_id())
    OR (app_is_team_worker() AND team_id = app_team_id())`,
  call_attempts: `app_is_overseer() OR EXISTS (SELECT 1 FROM tasks t WHERE t.id = call_attempts.task_id)`,
  task_promises: `app_is_overseer() OR EXISTS (SELECT 1 FROM tasks t WHERE t.id = task_promises.task_id)`,
  jobs: `app_is_overseer() OR app_role() IN ('agent', 'tier2')
    OR (app_is_team_worker() AND id IN (SELECT app_team_job_ids()))`,
  job_parts: `app_is_overseer() OR app_role() IN ('agent', 'tier2')
    OR (app_is_team_worker() AND job_id IN (SELECT app_team_job_ids()))`,
  job_notes: `app_is_overseer() OR app_role() IN ('agent', 'tier2')
    OR (app_is_team_worker() AND job_id IN (SELECT app_team_job_ids()))`,
  customers: `app_is_overseer() OR app_role() IN ('agent', 'tier2')
    OR (app_is_team_worker() AND id IN (SELECT app_team_customer_ids()))`,
  // What a person raised stays theirs whatever their role (tier2 and the desk raise escalations
  // too, and read back what they wrote): a superset of the first wall is harmless, a subset not.
  escalations: `app_is_overseer() OR raised_by = app_user_id()
    OR (app_role() = 'agent' AND site_id = app_site_id())
    OR (app_is_team_worker() AND id IN (SELECT app_team_escalation_ids()))`,
  escalation_reason_links: `app_is_overseer()
    OR EXISTS (SELECT 1 FROM escalations e WHERE e.id = escalation_reason_links.escalation_id)`,
  transfer_requests: `app_is_overseer()
    OR EXISTS (SELECT 1 FROM escalations e WHERE e.id = transfer_requests.escalation_id)`,
  callback_permissions: `app_is_overseer()
    OR (app_role() = 'agent'
        AND EXISTS (SELECT 1 FROM escalations e WHERE e.id = callback_permissions.escalation_id))`,
  appointments: `app_is_overseer()
    OR escalation_id IN (SELECT app_raised_escalation_ids())
    OR (app_role() = 'agent' AND site_id = app_site_id())
    OR (app_is_team_worker() AND id IN (SELECT app_team_appointment_ids()))`,
  exceptions: `app_is_overseer() OR app_role() = 'agent'
    OR (app_is_team_worker() AND id IN (SELECT app_team_exception_ids()))`,
};

/** The tables under row security, in the order their policies are created. */
export const tablesUnderRowSecurity = Object.keys(reach);

function policiesOf(table: string, using: string): string[] {
  return [
    `ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`,
    `ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`,
    `CREATE POLICY system ON ${table} USING (current_user <> '${appRole}') WITH CHECK (current_user <> '${appRole}')`,
    `CREATE POLICY reach_select ON ${table} FOR SELECT TO ${appRole} USING (${using})`,
    // Who may create what is the first wall's (and the service's) question; the new row need not
    // be in the creator's reach (an agent's booking writes a task for a callback team).
    `CREATE POLICY reach_insert ON ${table} FOR INSERT TO ${appRole} WITH CHECK (true)`,
    `CREATE POLICY reach_update ON ${table} FOR UPDATE TO ${appRole} USING (${using}) WITH CHECK (true)`,
    `CREATE POLICY reach_delete ON ${table} FOR DELETE TO ${appRole} USING (${using})`,
  ];
}

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of setup) await sql.raw(statement).execute(db);
  for (const [table, using] of Object.entries(reach)) {
    for (const statement of policiesOf(table, using)) await sql.raw(statement).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of tablesUnderRowSecurity.toReversed()) {
    for (const policy of ['reach_delete', 'reach_update', 'reach_insert', 'reach_select', 'system']) {
      await sql.raw(`DROP POLICY ${policy} ON ${table}`).execute(db);
    }
    await sql.raw(`ALTER TABLE ${table} NO FORCE ROW LEVEL SECURITY`).execute(db);
    await sql.raw(`ALTER TABLE ${table} DISABLE ROW LEVEL SECURITY`).execute(db);
  }
  await sql.raw('DROP FUNCTION open_task_counts(uuid[])').execute(db);
  for (const fn of [
    'app_team_exception_ids',
    'app_team_appointment_ids',
    'app_team_job_ids',
    'app_team_customer_ids',
    'app_team_escalation_ids',
    'app_raised_escalation_ids',
    'app_is_team_worker',
    'app_is_overseer',
    'app_team_id',
    'app_site_id',
    'app_role',
    'app_user_id',
  ]) {
    await sql.raw(`DROP FUNCTION ${fn}()`).execute(db);
  }
  // The role is the cluster's, shared by other databases: it stays, with this database's grants gone.
  await sql.raw(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM ${appRole}`).execute(db);
  await sql
    .raw(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM ${appRole}`)
    .execute(db);
  await sql.raw(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${appRole}`).execute(db);
  await sql.raw(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${appRole}`).execute(db);
  await sql.raw(`REVOKE ALL ON SCHEMA public FROM ${appRole}`).execute(db);
}
