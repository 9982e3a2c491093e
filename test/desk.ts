import type { Db } from '../src/db/client.ts';
import type { Presence, Role } from '../src/db/schema.ts';
import type { TestContext } from './context.ts';

/** The id of a user by email. */
export async function userId(db: Db, email: string): Promise<string> {
  const row = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Adds a user (password "demo", copied from a demo user) straight into the database: tests that
 * need many desk members or a second supervisor make their own.
 */
export async function addUser(
  db: Db,
  input: {
    email: string;
    name: string;
    role: Role;
    siteSlug?: string;
    supervisorEmail?: string;
    presence?: Presence;
  },
): Promise<string> {
  const template = await db
    .selectFrom('users')
    .select('password_hash')
    .where('email', '=', 'agent.east@demo.test')
    .executeTakeFirstOrThrow();
  const site = input.siteSlug
    ? await db.selectFrom('sites').select('id').where('slug', '=', input.siteSlug).executeTakeFirstOrThrow()
    : undefined;
  const row = await db
    .insertInto('users')
    .values({
      email: input.email,
      name: input.name,
      role: input.role,
      password_hash: template.password_hash,
      site_id: site?.id ?? null,
      supervisor_id: input.supervisorEmail ? await userId(db, input.supervisorEmail) : null,
      presence: input.presence ?? 'offline',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function setPresence(db: Db, email: string, presence: Presence) {
  await db.updateTable('users').set({ presence }).where('email', '=', email).execute();
}

/** Opens an escalation through the API and returns its id. */
export async function openEscalation(
  ctx: TestContext,
  email = 'agent.east@demo.test',
  jobNumber = 'J-100100',
): Promise<string> {
  const response = await ctx.as(email).post('/api/escalations', {
    jobNumber,
    reasons: ['supervisor_request', 'service_delay'],
    summary: 'Customer asks for a supervisor after a third missed visit.',
  });
  if (response.status !== 201) throw new Error(`escalation failed: ${JSON.stringify(response.body)}`);
  return response.body.id;
}

/** The kinds of the job's timeline notes, oldest first. */
export async function noteKinds(ctx: TestContext, jobNumber = 'J-100100'): Promise<string[]> {
  const job = await ctx.as('admin@demo.test').get(`/api/jobs/${jobNumber}`);
  return job.body.notes.map((n: { kind: string }) => n.kind);
}
