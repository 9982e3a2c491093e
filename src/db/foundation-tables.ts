import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { allRoles } from '../lib/roles.ts';

// Row types of the tables created by 0001_foundation (Kysely). Feature tables live in
// `src/modules/<feature>/tables.ts`; `schema.ts` joins them all into `Database`.

/** A timestamptz: read as Date, written as Date or ISO string. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Defaulted<T> = ColumnType<T, T | undefined, T>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json<T extends object | null = Record<string, unknown>> = JSONColumnType<
  T,
  T | string | undefined,
  T | string
>;

export type Role = (typeof allRoles)[number];
export type Presence = 'available' | 'busy' | 'away' | 'offline';
export type TeamKind = 'bpo' | 'captive' | 'internal';
export type AssignmentStrategy = 'round_robin' | 'least_loaded' | 'random' | 'direct' | 'queue';
export type TaskType = 'callback' | 'tier2_record' | 'tier3' | 'executive_case' | 'purchasing';
export type TaskStatus = 'not_started' | 'in_progress' | 'waiting' | 'completed';
export type EscalationStatus =
  | 'open'
  | 'in_queue'
  | 'transferred'
  | 'callback_requested'
  | 'callback_booked'
  | 'closed';

export interface SitesTable {
  id: Generated<string>;
  slug: string;
  name: string;
  time_zone: string;
  transfer_threshold_seconds: Defaulted<number>;
  window_minutes: Defaulted<number>;
  booking_horizon_days: Defaulted<number>;
  min_notice_minutes: Defaulted<number>;
  callbacks_per_member: Defaulted<number>;
  calendar_token: Defaulted<string>;
  created_at: CreatedAt;
}

export interface TeamsTable {
  id: Generated<string>;
  name: string;
  kind: TeamKind;
  assignment_strategy: Defaulted<AssignmentStrategy>;
  direct_assignee_id: string | null;
  last_assigned_user_id: string | null;
  created_at: CreatedAt;
}

export interface UsersTable {
  id: Generated<string>;
  email: string;
  name: string;
  password_hash: string | null;
  role: Role;
  site_id: string | null;
  team_id: string | null;
  supervisor_id: string | null;
  presence: Defaulted<Presence>;
  /** The last heartbeat of the person's open tab (null: never sent one, e.g. API-only callers). */
  last_seen_at: ColumnType<Date | null, Date | undefined, Date>;
  is_active: Defaulted<boolean>;
  created_at: CreatedAt;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
}

export interface ApiTokensTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: CreatedAt;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface CustomersTable {
  id: Generated<string>;
  name: string;
  phone: string;
  email: string | null;
  time_zone: string;
  /** The job system's customer id (0013_integrations); null for customers made here. */
  external_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
}

export interface JobsTable {
  id: Generated<string>;
  number: string;
  customer_id: string;
  product: string;
  status: string;
  created_at: CreatedAt;
}

export interface JobPartsTable {
  id: Generated<string>;
  job_id: string;
  part_number: string;
  description: string;
  status: string;
  ordered_at: Timestamp | null;
}

export interface JobNotesTable {
  id: Generated<string>;
  job_id: string;
  author_id: string | null;
  kind: string;
  body: string;
  details: Json;
  created_at: CreatedAt;
  seq: Generated<number>;
}

export interface EscalationReasonsTable {
  id: Generated<string>;
  code: string;
  label: string;
  position: Defaulted<number>;
  is_active: Defaulted<boolean>;
}

export interface OutagesTable {
  id: Generated<string>;
  title: string;
  guidance: string;
  script: string;
  declared_by: string;
  started_at: Defaulted<Date>;
  ended_at: Timestamp | null;
  ended_by: string | null;
}

export interface OutageSitesTable {
  outage_id: string;
  site_id: string;
}

export interface EscalationsTable {
  id: Generated<string>;
  job_id: string;
  customer_id: string;
  site_id: string;
  raised_by: string;
  summary: string;
  status: Defaulted<EscalationStatus>;
  outage_id: string | null;
  created_at: CreatedAt;
}

export interface EscalationReasonLinksTable {
  escalation_id: string;
  reason_id: string;
}

export interface ExceptionTypesTable {
  id: Generated<string>;
  code: string;
  label: string;
  is_active: Defaulted<boolean>;
}

export interface ExceptionCommentsTable {
  id: Generated<string>;
  exception_type_id: string;
  reason_id: string | null;
  body: string;
  is_active: Defaulted<boolean>;
}

export interface ExceptionsTable {
  id: Generated<string>;
  job_id: string;
  type_id: string;
  status: Defaulted<'open' | 'closed'>;
  comment_id: string;
  escalation_id: string | null;
  created_by: string;
  created_at: CreatedAt;
  closed_at: Timestamp | null;
  closed_by: string | null;
}

export interface ResolutionReasonsTable {
  id: Generated<string>;
  code: string;
  label: string;
  is_active: Defaulted<boolean>;
}

export interface RoutingRulesTable {
  id: Generated<string>;
  position: number;
  task_type: TaskType | null;
  exception_type_id: string | null;
  match_user_id: string | null;
  match_site_id: string | null;
  match_team_id: string | null;
  team_id: string;
  assignee_id: string | null;
  is_active: Defaulted<boolean>;
  created_at: CreatedAt;
}

export interface SettingsTable {
  key: string;
  value: Json<object | null>;
  updated_at: Defaulted<Date>;
}

export interface AppointmentsTable {
  id: Generated<string>;
  site_id: string;
  escalation_id: string;
  customer_id: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  customer_time_zone: string;
  status: Defaulted<'booked' | 'cancelled' | 'completed'>;
  sequence: Defaulted<number>;
  booked_by: string | null;
  created_at: CreatedAt;
  updated_at: Defaulted<Date>;
}

export interface TasksTable {
  id: Generated<string>;
  type: TaskType;
  status: Defaulted<TaskStatus>;
  title: string;
  details: Json;
  team_id: string;
  assignee_id: string | null;
  due_at: Timestamp | null;
  job_id: string | null;
  customer_id: string | null;
  exception_id: string | null;
  appointment_id: string | null;
  escalation_id: string | null;
  resolution_reason_id: string | null;
  resolution_note: string | null;
  /** A Tier 2 record's resolution (migration 0027); other types use `resolution_reason_id`. */
  tier2_resolution_type_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Defaulted<Date>;
  completed_at: Timestamp | null;
  version: Defaulted<number>;
  /** Its contact promises summed up (migration 0025: a trigger on task_promises keeps them). */
  promise_state: ColumnType<'open' | 'at_risk' | 'broken' | 'kept' | null, never, never>;
  promise_due_at: ColumnType<Date | null, never, never>;
}

export interface TimersTable {
  id: Generated<string>;
  kind: string;
  payload: Json;
  due_at: Timestamp;
  dedupe_key: string | null;
  status: Defaulted<'pending' | 'done' | 'failed' | 'cancelled'>;
  attempts: Defaulted<number>;
  locked_until: Timestamp | null;
  last_error: string | null;
  fired_at: Timestamp | null;
  lateness_ms: number | null;
  created_at: CreatedAt;
}

export interface OutboundMessagesTable {
  id: Generated<string>;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  calendar: Json<Record<string, unknown>> | null;
  purpose: string;
  related_id: string | null;
  status: Defaulted<'pending' | 'sent' | 'kept' | 'failed'>;
  attempts: Defaulted<number>;
  last_error: string | null;
  raw: string | null;
  message_id: string | null;
  created_at: CreatedAt;
  sent_at: Timestamp | null;
}

export interface EventsTable {
  id: Generated<number>;
  type: string;
  user_ids: Defaulted<string[]>;
  site_id: string | null;
  team_id: string | null;
  roles: Defaulted<string[]>;
  data: Json;
  created_at: CreatedAt;
}

export interface IdempotencyKeysTable {
  key: string;
  user_id: string;
  scope: string;
  request_hash: string;
  status_code: number;
  response: Json<object | null>;
  /** Updated when an expired key is claimed afresh (see `src/db/idempotency.ts`). */
  created_at: ColumnType<Date, Date | string | undefined, Date>;
}

export interface FoundationTables {
  sites: SitesTable;
  teams: TeamsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  customers: CustomersTable;
  jobs: JobsTable;
  job_parts: JobPartsTable;
  job_notes: JobNotesTable;
  escalation_reasons: EscalationReasonsTable;
  outages: OutagesTable;
  outage_sites: OutageSitesTable;
  escalations: EscalationsTable;
  escalation_reason_links: EscalationReasonLinksTable;
  exception_types: ExceptionTypesTable;
  exception_comments: ExceptionCommentsTable;
  exceptions: ExceptionsTable;
  resolution_reasons: ResolutionReasonsTable;
  routing_rules: RoutingRulesTable;
  settings: SettingsTable;
  appointments: AppointmentsTable;
  tasks: TasksTable;
  timers: TimersTable;
  outbound_messages: OutboundMessagesTable;
  events: EventsTable;
  idempotency_keys: IdempotencyKeysTable;
}
