import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import { keys } from '../../api/keys';
import { useSubmissionKey } from '../../api/submission';

/** A row as the generic list editor sees it: any admin list item, read by column name. */
export type Row = Record<string, unknown>;

type JsonBody<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  requestBody: { content: { 'application/json': infer B } };
}
  ? B
  : never;

/**
 * The editor builds a body from the field names in resources.ts, so its keys are not checked here;
 * the server validates every body and refuses a wrong one with a message the form shows.
 */
const formBody = <B>(row: Row) => row as B;

type AdminRoute = {
  list: () => Promise<Row[]>;
  /** Adds one; the Idempotency-Key makes a double click add it once. */
  create: (body: Row, idempotencyKey: string) => Promise<unknown>;
  update: (id: string, body: Row) => Promise<unknown>;
};

const creating = (idempotencyKey: string) => ({ header: { 'idempotency-key': idempotencyKey } });

/** Every list the admin editor edits, each read and written through its generated route. */
const adminRoutes = {
  reasons: {
    list: async () => (await unwrap(api.GET('/api/admin/reasons'))).items,
    create: (body, key) =>
      unwrap(
        api.POST('/api/admin/reasons', {
          params: creating(key),
          body: formBody<JsonBody<'/api/admin/reasons', 'post'>>(body),
        }),
      ),
    update: (id, body) =>
      unwrap(
        api.PATCH('/api/admin/reasons/{id}', {
          params: { path: { id } },
          body: formBody<JsonBody<'/api/admin/reasons/{id}', 'patch'>>(body),
        }),
      ),
  },
  'exception-comments': {
    list: async () => (await unwrap(api.GET('/api/admin/exception-comments'))).items,
    create: (body, key) =>
      unwrap(
        api.POST('/api/admin/exception-comments', {
          params: creating(key),
          body: formBody<JsonBody<'/api/admin/exception-comments', 'post'>>(body),
        }),
      ),
    update: (id, body) =>
      unwrap(
        api.PATCH('/api/admin/exception-comments/{id}', {
          params: { path: { id } },
          body: formBody<JsonBody<'/api/admin/exception-comments/{id}', 'patch'>>(body),
        }),
      ),
  },
  'resolution-reasons': {
    list: async () => (await unwrap(api.GET('/api/admin/resolution-reasons'))).items,
    create: (body, key) =>
      unwrap(
        api.POST('/api/admin/resolution-reasons', {
          params: creating(key),
          body: formBody<JsonBody<'/api/admin/resolution-reasons', 'post'>>(body),
        }),
      ),
    update: (id, body) =>
      unwrap(
        api.PATCH('/api/admin/resolution-reasons/{id}', {
          params: { path: { id } },
          body: formBody<JsonBody<'/api/admin/resolution-reasons/{id}', 'patch'>>(body),
        }),
      ),
  },
  'tier2-resolution-types': {
    list: async () => (await unwrap(api.GET('/api/admin/tier2-resolution-types'))).items,
    create: (body, key) =>
      unwrap(
        api.POST('/api/admin/tier2-resolution-types', {
          params: creating(key),
          body: formBody<JsonBody<'/api/admin/tier2-resolution-types', 'post'>>(body),
        }),
      ),
    update: (id, body) =>
      unwrap(
        api.PATCH('/api/admin/tier2-resolution-types/{id}', {
          params: { path: { id } },
          body: formBody<JsonBody<'/api/admin/tier2-resolution-types/{id}', 'patch'>>(body),
        }),
      ),
  },
  'exception-types': {
    list: async () => (await unwrap(api.GET('/api/admin/exception-types'))).items,
    create: (body, key) =>
      unwrap(
        api.POST('/api/admin/exception-types', {
          params: creating(key),
          body: formBody<JsonBody<'/api/admin/exception-types', 'post'>>(body),
        }),
      ),
    update: (id, body) =>
      unwrap(
        api.PATCH('/api/admin/exception-types/{id}', {
          params: { path: { id } },
          body: formBody<JsonBody<'/api/admin/exception-types/{id}', 'patch'>>(body),
        }),
      ),
  },
  teams: {
    list: async () => (await unwrap(api.GET('/api/admin/teams'))).items,
    create: (body, key) =>
      unwrap(
        api.POST('/api/admin/teams', {
          params: creating(key),
          body: formBody<JsonBody<'/api/admin/teams', 'post'>>(body),
        }),
      ),
    update: (id, body) =>
      unwrap(
        api.PATCH('/api/admin/teams/{id}', {
          params: { path: { id } },
          body: formBody<JsonBody<'/api/admin/teams/{id}', 'patch'>>(body),
        }),
      ),
  },
  'routing-rules': {
    list: async () => (await unwrap(api.GET('/api/admin/routing-rules'))).items,
    create: (body, key) =>
      unwrap(
        api.POST('/api/admin/routing-rules', {
          params: creating(key),
          body: formBody<JsonBody<'/api/admin/routing-rules', 'post'>>(body),
        }),
      ),
    update: (id, body) =>
      unwrap(
        api.PATCH('/api/admin/routing-rules/{id}', {
          params: { path: { id } },
          body: formBody<JsonBody<'/api/admin/routing-rules/{id}', 'patch'>>(body),
        }),
      ),
  },
  users: {
    list: async () => (await unwrap(api.GET('/api/admin/users'))).items,
    create: (body, key) =>
      unwrap(
        api.POST('/api/admin/users', {
          params: creating(key),
          body: formBody<JsonBody<'/api/admin/users', 'post'>>(body),
        }),
      ),
    update: (id, body) =>
      unwrap(
        api.PATCH('/api/admin/users/{id}', {
          params: { path: { id } },
          body: formBody<JsonBody<'/api/admin/users/{id}', 'patch'>>(body),
        }),
      ),
  },
} satisfies Record<string, AdminRoute>;

export type AdminListName = keyof typeof adminRoutes;

export function useAdminList(name: AdminListName) {
  return useQuery({
    queryKey: keys.admin.resource(name),
    queryFn: (): Promise<Row[]> => adminRoutes[name].list(),
  });
}

export function useAdminSave(name: AdminListName) {
  const client = useQueryClient();
  const submission = useSubmissionKey();
  const route: AdminRoute = adminRoutes[name];
  return useMutation({
    // A create carries its submission's key; an edit (PATCH) sets values, so a repeat changes nothing.
    mutationFn: (saved: { id?: string; body: Row }) =>
      saved.id ? route.update(saved.id, saved.body) : route.create(saved.body, submission.keyFor(saved)),
    onSettled: (_data, error, saved) => {
      submission.settle(saved, error);
      void client.invalidateQueries({ queryKey: keys.admin.resource(name) });
      void client.invalidateQueries({ queryKey: keys.lookups.all() });
    },
  });
}

export type Site =
  paths['/api/admin/sites']['get']['responses'][200]['content']['application/json']['items'][number];
export type SiteChange = JsonBody<'/api/admin/sites/{slug}', 'patch'>;

export function useSites() {
  return useQuery({
    queryKey: keys.admin.resource('sites'),
    queryFn: async () => (await unwrap(api.GET('/api/admin/sites'))).items,
  });
}

export function useSaveSite() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ slug, change }: { slug: string; change: SiteChange }) =>
      unwrap(api.PATCH('/api/admin/sites/{slug}', { params: { path: { slug } }, body: change })),
    onSettled: () => {
      void client.invalidateQueries({ queryKey: keys.admin.resource('sites') });
      void client.invalidateQueries({ queryKey: keys.lookups.all() });
    },
  });
}

export type Mail =
  paths['/api/mailbox']['get']['responses'][200]['content']['application/json']['items'][number];

export function useMailbox() {
  return useQuery({
    queryKey: keys.admin.mailbox(),
    queryFn: async () => (await unwrap(api.GET('/api/mailbox'))).items,
  });
}
