// One query-key factory per resource, shared by hooks, mutations and the live-event client, so an
// event can name exactly the cache entries it makes stale.

export type TaskFilters = Record<string, string | undefined>;

export const keys = {
  me: () => ['me'] as const,
  authMethods: () => ['auth-methods'] as const,
  jobs: {
    all: () => ['jobs'] as const,
    search: (q: string) => ['jobs', 'search', q] as const,
    detail: (number: string) => ['jobs', 'detail', number] as const,
  },
  escalations: {
    all: () => ['escalations'] as const,
    detail: (id: string) => ['escalations', 'detail', id] as const,
  },
  lookups: {
    all: () => ['lookups'] as const,
    reasons: () => ['lookups', 'reasons'] as const,
    comments: (type: string) => ['lookups', 'exception-comments', type] as const,
    resolutionReasons: () => ['lookups', 'resolution-reasons'] as const,
    tier2ResolutionTypes: () => ['lookups', 'tier2-resolution-types'] as const,
  },
  transfers: {
    all: () => ['transfers'] as const,
    detail: (id: string) => ['transfers', 'detail', id] as const,
  },
  desk: {
    all: () => ['desk'] as const,
    queue: (site: string) => ['desk', 'queue', site] as const,
    activeCall: () => ['desk', 'active-call'] as const,
  },
  permissions: {
    all: () => ['permissions'] as const,
    detail: (id: string) => ['permissions', 'detail', id] as const,
    inbox: () => ['permissions', 'inbox'] as const,
  },
  availability: {
    all: () => ['availability'] as const,
    range: (site: string, from: string, days: number, tz: string) =>
      ['availability', site, from, days, tz] as const,
  },
  tasks: {
    all: () => ['tasks'] as const,
    list: (filters: TaskFilters) => ['tasks', 'list', filters] as const,
    detail: (id: string) => ['tasks', 'detail', id] as const,
  },
  customers: {
    all: () => ['customers'] as const,
    view: (id: string) => ['customers', 'view', id] as const,
  },
  reports: {
    all: () => ['reports'] as const,
    run: (filters: Record<string, string | undefined>) => ['reports', 'run', filters] as const,
  },
  outages: {
    active: () => ['outages', 'active'] as const,
  },
  notifications: {
    all: () => ['notifications'] as const,
    list: () => ['notifications', 'list'] as const,
    unread: () => ['notifications', 'unread'] as const,
  },
  admin: {
    all: () => ['admin'] as const,
    resource: (name: string) => ['admin', name] as const,
    mailbox: () => ['admin', 'mailbox'] as const,
    webhooks: () => ['admin', 'webhooks'] as const,
    webhookDeliveries: (id: string) => ['admin', 'webhooks', id, 'deliveries'] as const,
    ssoRules: () => ['admin', 'sso-rules'] as const,
  },
};
