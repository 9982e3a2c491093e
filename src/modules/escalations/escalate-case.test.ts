import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestContext } from '../../../test/context.ts';

const ctx = await createTestContext();
const agent = ctx.as('agent.east@demo.test');

test('an agent escalates a job with reasons; the job timeline records it', async () => {
  const created = await agent.post('/api/escalations', {
    jobNumber: 'J-100100',
    reasons: ['service_delay', 'supervisor_request'],
    summary: 'Third missed technician visit; customer asks for a supervisor.',
  });
  assert.equal(created.status, 201);
  assert.equal(created.body.jobNumber, 'J-100100');
  assert.deepEqual([...created.body.reasons].sort(), ['service_delay', 'supervisor_request']);
  assert.equal(created.body.siteSlug, 'east');
  assert.equal(created.body.status, 'open');

  const job = await agent.get('/api/jobs/J-100100');
  const note = job.body.notes.at(-1);
  assert.equal(note.kind, 'escalation.created');
  assert.match(note.body, /Service Delay/);
  assert.equal(note.authorName, 'Alex Kim');
});

test('an unknown reason is a 400 naming it, and writes nothing', async () => {
  const before = await ctx.db
    .selectFrom('escalations')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  const response = await agent.post('/api/escalations', {
    jobNumber: 'J-100100',
    reasons: ['angry'],
    summary: 'x',
  });
  assert.equal(response.status, 400);
  assert.match(response.body.detail, /angry/);
  const after = await ctx.db
    .selectFrom('escalations')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  assert.equal(Number(after.n), Number(before.n));
});

test('an unknown job is a 404; a callback agent may not escalate', async () => {
  const missing = await agent.post('/api/escalations', {
    jobNumber: 'J-0',
    reasons: ['service_delay'],
    summary: 'x',
  });
  assert.equal(missing.status, 404);
  const forbidden = await ctx
    .as('cb.captive@demo.test')
    .post('/api/escalations', { jobNumber: 'J-100100', reasons: ['service_delay'], summary: 'x' });
  assert.equal(forbidden.status, 403);
});

test('jobs are found by number, customer name and phone', async () => {
  const byNumber = await agent.get('/api/jobs?q=J-10010');
  assert.ok(byNumber.body.items.length >= 1);
  const byName = await agent.get('/api/jobs?q=garcia');
  assert.equal(byName.body.items[0].customerName, 'Maria Garcia');
  const phone = byName.body.items[0].customerPhone.slice(-7);
  const byPhone = await agent.get(`/api/jobs?q=${phone}`);
  assert.ok(byPhone.body.items.some((j: { customerName: string }) => j.customerName === 'Maria Garcia'));
});

test('a person adds a note to the job', async () => {
  const response = await agent.post('/api/jobs/J-100110/notes', { body: 'Called the servicer for an ETA.' });
  assert.equal(response.status, 201);
  const job = await agent.get('/api/jobs/J-100110');
  assert.equal(job.body.notes.at(-1).body, 'Called the servicer for an ETA.');
});
