import type { Db } from '../db/client.ts';
import type { AssignmentStrategy, Role, TeamKind } from '../db/schema.ts';
import { hashPassword } from '../lib/password.ts';
import { seedDemoSchedules } from '../modules/schedules/demo.ts';
import {
  buildDemoCustomers,
  demoCallBackComments,
  demoReasons,
  demoResolutionReasons,
  demoTier2ResolutionTypes,
  demoSites,
  demoTeams,
  demoUsers,
} from './demo-data.ts';

/** Hooks for features that add their own demo rows (schedules, settings) in the same transaction. */
export type DemoSeedExtension = (tx: Db, ids: DemoIds) => Promise<void>;
export type DemoIds = {
  sites: Map<string, string>;
  teams: Map<string, string>;
  users: Map<string, string>;
};

const extensions: DemoSeedExtension[] = [seedDemoSchedules];
export function addDemoSeedExtension(extension: DemoSeedExtension) {
  extensions.push(extension);
}

export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n) === 0;
}

/**
 * A demo folder made by an earlier version has no rows in lists added since (Tier 2 resolution
 * types came with migration 0027): without them its Tier 2 records could not be completed. Fills
 * each such list with the demo's entries when it is empty; a list an admin has entries in is left
 * alone. Answers the names of the lists it filled.
 */
export async function topUpDemoLists(db: Db): Promise<string[]> {
  return db.transaction().execute(async (tx) => {
    const filled: string[] = [];
    const tier2 = await tx
      .selectFrom('tier2_resolution_types')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(tier2.n) === 0) {
      await tx
        .insertInto('tier2_resolution_types')
        .values(demoTier2ResolutionTypes.map(([code, label]) => ({ code, label })))
        .execute();
      filled.push('Tier 2 resolution types');
    }
    return filled;
  });
}

/** Writes the whole demo organisation in one transaction; refuses a database that has users. */
export async function seedDemo(db: Db): Promise<DemoIds> {
  // One hash for every demo user keeps seeding fast; demo passwords are public anyway.
  const passwordHash = await hashPassword('demo');
  return db.transaction().execute(async (tx) => {
    if (!(await isDatabaseEmpty(tx))) throw new Error('the database already has users; demo data not loaded');
    const ids: DemoIds = { sites: new Map(), teams: new Map(), users: new Map() };

    for (const row of await tx.insertInto('sites').values(demoSites).returning(['id', 'slug']).execute()) {
      ids.sites.set(row.slug, row.id);
    }
    const teams = demoTeams.map((t) => ({
      name: t.name,
      kind: t.kind as TeamKind,
      assignment_strategy: t.assignment_strategy as AssignmentStrategy,
    }));
    for (const row of await tx.insertInto('teams').values(teams).returning(['id', 'name']).execute()) {
      ids.teams.set(row.name, row.id);
    }
    for (const user of demoUsers.filter((u) => !u.supervisor).concat(demoUsers.filter((u) => u.supervisor))) {
      const row = await tx
        .insertInto('users')
        .values({
          email: user.email,
          name: user.name,
          role: user.role as Role,
          password_hash: passwordHash,
          site_id: user.site ? ids.sites.get(user.site) : null,
          team_id: user.team ? ids.teams.get(user.team) : null,
          supervisor_id: user.supervisor ? ids.users.get(user.supervisor) : null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.users.set(user.email, row.id);
    }
    await tx
      .updateTable('teams')
      .set({ direct_assignee_id: ids.users.get('exec@demo.test') })
      .where('name', '=', 'Executive Escalations')
      .execute();

    const reasons = await tx
      .insertInto('escalation_reasons')
      .values(demoReasons.map(([code, label], position) => ({ code, label, position })))
      .returning(['id', 'code'])
      .execute();
    const reasonId = new Map(reasons.map((r) => [r.code, r.id]));
    const callBack = await tx
      .insertInto('exception_types')
      .values({ code: 'call_back', label: 'Call Back' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('exception_comments')
      .values(
        demoCallBackComments.map(([reason, body]) => ({
          exception_type_id: callBack.id,
          reason_id: reason ? reasonId.get(reason) : null,
          body,
        })),
      )
      .execute();
    await tx
      .insertInto('resolution_reasons')
      .values(demoResolutionReasons.map(([code, label]) => ({ code, label })))
      .execute();
    await tx
      .insertInto('tier2_resolution_types')
      .values(demoTier2ResolutionTypes.map(([code, label]) => ({ code, label })))
      .execute();

    const team = (name: string) => ids.teams.get(name)!;
    await tx
      .insertInto('routing_rules')
      .values([
        {
          position: 10,
          exception_type_id: callBack.id,
          match_site_id: ids.sites.get('east'),
          team_id: team('In-house Callbacks'),
        },
        {
          position: 20,
          exception_type_id: callBack.id,
          match_site_id: ids.sites.get('west'),
          team_id: team('Acme BPO'),
        },
        { position: 30, task_type: 'tier2_record', team_id: team('Tier 2') },
        { position: 40, task_type: 'tier3', team_id: team('Tier 3') },
        {
          position: 50,
          task_type: 'executive_case',
          team_id: team('Executive Escalations'),
          assignee_id: ids.users.get('exec@demo.test'),
        },
        { position: 60, task_type: 'purchasing', team_id: team('Purchasing') },
      ])
      .execute();
    await tx
      .insertInto('settings')
      .values({ key: 'routing.default_team_id', value: JSON.stringify(team('In-house Callbacks')) })
      .execute();

    const agent = ids.users.get('agent.east@demo.test')!;
    for (const customer of buildDemoCustomers()) {
      const { id: customerId } = await tx
        .insertInto('customers')
        .values({
          name: customer.name,
          phone: customer.phone,
          email: customer.email,
          time_zone: customer.time_zone,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const job of customer.jobs) {
        const { id: jobId } = await tx
          .insertInto('jobs')
          .values({ number: job.number, customer_id: customerId, product: job.product, status: job.status })
          .returning('id')
          .executeTakeFirstOrThrow();
        await tx
          .insertInto('job_parts')
          .values(job.parts.map((p) => ({ ...p, job_id: jobId })))
          .execute();
        await tx
          .insertInto('job_notes')
          .values(job.notes.map((body) => ({ job_id: jobId, author_id: agent, kind: 'note', body })))
          .execute();
      }
    }
    for (const extension of extensions) await extension(tx, ids);
    return ids;
  });
}
