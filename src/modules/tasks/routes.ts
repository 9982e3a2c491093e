import type { Deps } from '../../deps.ts';
import type { App } from '../../http/app-type.ts';
import { requireActor, roles } from '../../http/auth.ts';
import { IdempotencyHeaders, replyOnce } from '../../http/idempotency.ts';
import { IdParams, problemResponses } from '../../http/schemas.ts';
import { openHandMadeTask } from './create-task.ts';
import { taskCreatorRoles } from './policy.ts';
import { countTasks, listTasks } from './read-tasks.ts';
import {
  CreatedTask,
  CreateTaskBody,
  Task,
  TaskCountQuery,
  TaskCounts,
  TaskList,
  TaskListQuery,
  UpdateTaskBody,
} from './schemas.ts';
import { moveTask } from './work-task.ts';

/** Task lists, moves and hand-made tasks; the detail, completion and attempts are in callbacks/routes.ts. */
export async function taskRoutes(app: App, deps: Deps) {
  app.get(
    '/api/tasks',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Tasks the signed-in user may see, newest first, with keyset pagination',
        querystring: TaskListQuery,
        response: { 200: TaskList, ...problemResponses },
      },
    },
    async (request) => listTasks(deps, requireActor(request, roles.everyone), request.query),
  );

  app.get(
    '/api/tasks/counts',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Visible tasks counted by status (the Kanban board), same filters as the list',
        querystring: TaskCountQuery,
        response: { 200: TaskCounts, ...problemResponses },
      },
    },
    async (request) => countTasks(deps, requireActor(request, roles.everyone), request.query),
  );

  app.patch(
    '/api/tasks/:id',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Move a task between open statuses and/or (re)assign it within its team',
        params: IdParams,
        body: UpdateTaskBody,
        response: { 200: Task, ...problemResponses },
      },
    },
    async (request) => moveTask(deps, requireActor(request, roles.everyone), request.params.id, request.body),
  );

  app.post(
    '/api/tasks',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Open a Tier 2 record, Tier 3 task or purchasing request; routed like any task',
        headers: IdempotencyHeaders,
        body: CreateTaskBody,
        response: { 201: CreatedTask, ...problemResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, taskCreatorRoles);
      return replyOnce(deps, request, reply, actor, 201, (deps) =>
        openHandMadeTask(deps, actor, request.body),
      );
    },
  );
}
