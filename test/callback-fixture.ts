import { type Actor, findActorByEmail } from '../src/http/auth.ts';
import { openException } from '../src/modules/exceptions/open-exception.ts';
import { scheduleCallbackClock } from '../src/modules/promises/schedule.ts';
import type { TestContext } from './context.ts';

/** The actor of a demo user, as services see them. */
export async function actorOf(ctx: TestContext, email: string): Promise<Actor> {
  const actor = await findActorByEmail(ctx.db, email);
  if (!actor) throw new Error(`no active user ${email}`);
  return actor;
}

/**
 * A booked callback as the booking flow leaves it, written directly: escalation, appointment,
 * Call Back exception with its routed task, and the callback clock started in the same transaction.
 */
export async function bookCallbackDirectly(
  ctx: TestContext,
  input: { jobNumber: string; start: string; minutes?: number; agent?: string; timeZone?: string },
) {
  const agentEmail = input.agent ?? 'agent.east@demo.test';
  const escalation = await ctx.as(agentEmail).post('/api/escalations', {
    jobNumber: input.jobNumber,
    reasons: ['service_delay'],
    summary: 'Customer wants a call back about the delay.',
  });
  if (escalation.status !== 201) throw new Error(`escalation failed: ${JSON.stringify(escalation.body)}`);
  const agent = await actorOf(ctx, agentEmail);
  const start = new Date(input.start);
  const end = new Date(start.getTime() + (input.minutes ?? 30) * 60_000);
  const comment = await ctx.db
    .selectFrom('exception_comments as c')
    .innerJoin('exception_types as t', 't.id', 'c.exception_type_id')
    .select('c.id')
    .where('t.code', '=', 'call_back')
    .where('c.reason_id', 'is', null)
    .executeTakeFirstOrThrow();
  return ctx.db.transaction().execute(async (tx) => {
    const appointment = await tx
      .insertInto('appointments')
      .values({
        site_id: agent.siteId!,
        escalation_id: escalation.body.id,
        customer_id: escalation.body.customerId,
        starts_at: start,
        ends_at: end,
        customer_time_zone: input.timeZone ?? 'America/New_York',
        booked_by: agent.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const { task, exception } = await openException(ctx.deps, tx, agent, {
      jobId: escalation.body.jobId,
      typeCode: 'call_back',
      commentId: comment.id,
      escalationId: escalation.body.id,
      appointmentId: appointment.id,
    });
    await scheduleCallbackClock(ctx.deps, tx, { taskId: task.id, appointment });
    return {
      taskId: task.id,
      appointmentId: appointment.id,
      exceptionId: exception.id,
      escalationId: escalation.body.id,
    };
  });
}
