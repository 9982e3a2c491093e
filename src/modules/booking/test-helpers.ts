import type { TestContext } from '../../../test/context.ts';
import { openEscalation } from '../../../test/desk.ts';

/** An escalation at east (or the agent's site) whose supervisor approved a callback: ready to book. */
export async function escalationReadyToBook(
  ctx: TestContext,
  options: { agent?: string; supervisor?: string; jobNumber?: string } = {},
): Promise<string> {
  const agent = options.agent ?? 'agent.east@demo.test';
  const supervisor = options.supervisor ?? 'supervisor.east@demo.test';
  const escalationId = await openEscalation(ctx, agent, options.jobNumber ?? 'J-100100');
  const asked = await ctx.as(agent).post(`/api/escalations/${escalationId}/callback-permission`, {});
  if (asked.status !== 201) throw new Error(`permission ask failed: ${JSON.stringify(asked.body)}`);
  const approved = await ctx.as(supervisor).post(`/api/callback-permissions/${asked.body.id}/approve`, {});
  if (approved.status !== 200) throw new Error(`approval failed: ${JSON.stringify(approved.body)}`);
  return escalationId;
}

/** Books a callback through the API as the east agent. */
export function book(
  ctx: TestContext,
  escalationId: string,
  start: string,
  customerTimeZone = 'America/Chicago',
  headers: Record<string, string> = {},
) {
  return ctx
    .as('agent.east@demo.test')
    .post('/api/sites/east/appointments', { escalationId, start, customerTimeZone }, headers);
}

/** The token at the end of a manage URL. */
export const tokenOf = (manageUrl: string) => manageUrl.split('/manage/')[1]!;
