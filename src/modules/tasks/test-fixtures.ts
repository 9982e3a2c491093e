import type { TestContext } from '../../../test/context.ts';

// Helpers for the task tests: demo job numbers, comment ids, and Call Back tasks opened through the API.

export async function demoJobNumbers(ctx: TestContext): Promise<string[]> {
  return (await ctx.db.selectFrom('jobs').select('number').orderBy('number').execute()).map((j) => j.number);
}

export async function generalCallBackComment(ctx: TestContext): Promise<string> {
  const row = await ctx.db
    .selectFrom('exception_comments as c')
    .innerJoin('exception_types as t', 't.id', 'c.exception_type_id')
    .select('c.id')
    .where('t.code', '=', 'call_back')
    .where('c.reason_id', 'is', null)
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function userIdOf(ctx: TestContext, email: string): Promise<string> {
  return (await ctx.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow())
    .id;
}

export async function resolutionReasonId(ctx: TestContext, code: string): Promise<string> {
  return (
    await ctx.db
      .selectFrom('resolution_reasons')
      .select('id')
      .where('code', '=', code)
      .executeTakeFirstOrThrow()
  ).id;
}

/** Opens a Call Back exception on the job as the given user and returns its task (as the API shows it). */
export async function openCallBackTask(ctx: TestContext, email: string, jobNumber: string) {
  const response = await ctx.as(email).post(`/api/jobs/${jobNumber}/exceptions`, {
    type: 'call_back',
    commentId: await generalCallBackComment(ctx),
  });
  if (response.status !== 201)
    throw new Error(`opening a call back failed: ${JSON.stringify(response.body)}`);
  return response.body.task;
}

export async function countRows(ctx: TestContext, table: 'tasks' | 'exceptions' | 'job_notes' | 'events') {
  const row = await ctx.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
