import type { AdminListName } from './api';

// What each admin list edits. Fields not listed here are shown read-only.

export type Field = {
  name: string;
  label: string;
  kind: 'text' | 'number' | 'boolean' | 'select' | 'textarea';
  options?: Array<[string, string]>;
  /** A picker whose options are another admin list's rows, shown by name and sent as the row's id. */
  optionsFrom?: PickerSource;
  /** The picked row's property that is sent (`id` when absent; users take their site by slug). */
  optionValue?: 'id' | 'slug';
  /** The picker's empty choice, in words ("Any" when absent, "Choose…" when required). */
  emptyLabel?: string;
  /** Emptying the field sends null (clears it) rather than leaving it unchanged. */
  nullable?: boolean;
  /** A line under the field saying what it does. */
  help?: string;
  required?: boolean;
  /** Sent only when adding (`create`) or only when editing (`update`); both when absent. */
  only?: 'create' | 'update';
};

/** Lists a picker can take its options from. */
export type PickerSource = 'teams' | 'sites' | 'exception-types' | 'reasons' | 'users';

export type Resource = {
  /** Also names its routes (api.ts). */
  name: AdminListName;
  label: string;
  /** The id used in PATCH urls (`id`, or `slug` for sites). */
  idField: string;
  columns: string[];
  /** Headings of columns that are not fields (names the server answers beside ids). */
  columnLabels?: Record<string, string>;
  /** Columns that hold another list's code or slug, shown by that row's name. */
  columnLookups?: Record<string, { source: PickerSource; by: 'code' | 'slug' }>;
  fields: Field[];
  canCreate: boolean;
};

const active: Field = { name: 'isActive', label: 'Active', kind: 'boolean', only: 'update' };

export const resources: Resource[] = [
  {
    name: 'reasons',
    label: 'Escalation reasons',
    idField: 'id',
    columns: ['code', 'label', 'position', 'isActive'],
    fields: [
      { name: 'code', label: 'Code', kind: 'text', required: true, only: 'create' },
      { name: 'label', label: 'Label', kind: 'text', required: true },
      { name: 'position', label: 'Position', kind: 'number' },
      active,
    ],
    canCreate: true,
  },
  {
    name: 'exception-comments',
    label: 'Approved exception comments',
    idField: 'id',
    columns: ['exceptionType', 'reasonCode', 'body', 'isActive'],
    columnLabels: { exceptionType: 'Exception type', reasonCode: 'Reason' },
    columnLookups: {
      exceptionType: { source: 'exception-types', by: 'code' },
      reasonCode: { source: 'reasons', by: 'code' },
    },
    fields: [
      {
        name: 'exceptionTypeId',
        label: 'Exception type',
        kind: 'select',
        optionsFrom: 'exception-types',
        required: true,
        only: 'create',
      },
      {
        name: 'reasonId',
        label: 'Reason',
        kind: 'select',
        optionsFrom: 'reasons',
        nullable: true,
        emptyLabel: 'Any reason',
        help: 'The comment is offered for this escalation reason only; any reason when none is chosen.',
      },
      { name: 'body', label: 'Comment', kind: 'textarea', required: true },
      active,
    ],
    canCreate: true,
  },
  {
    name: 'resolution-reasons',
    label: 'Resolution reasons',
    idField: 'id',
    columns: ['code', 'label', 'isActive'],
    fields: [
      { name: 'code', label: 'Code', kind: 'text', required: true, only: 'create' },
      { name: 'label', label: 'Label', kind: 'text', required: true },
      active,
    ],
    canCreate: true,
  },
  {
    name: 'tier2-resolution-types',
    label: 'Tier 2 resolution types',
    idField: 'id',
    columns: ['code', 'label', 'isActive'],
    fields: [
      { name: 'code', label: 'Code', kind: 'text', required: true, only: 'create' },
      { name: 'label', label: 'Label', kind: 'text', required: true },
      active,
    ],
    canCreate: true,
  },
  {
    name: 'exception-types',
    label: 'Exception types',
    idField: 'id',
    columns: ['code', 'label', 'isActive'],
    fields: [
      { name: 'code', label: 'Code', kind: 'text', required: true, only: 'create' },
      { name: 'label', label: 'Label', kind: 'text', required: true },
      active,
    ],
    canCreate: true,
  },
  {
    name: 'teams',
    label: 'Teams',
    idField: 'id',
    columns: ['name', 'kind', 'assignmentStrategy', 'activeMembers'],
    fields: [
      { name: 'name', label: 'Name', kind: 'text', required: true },
      {
        name: 'kind',
        label: 'Kind',
        kind: 'select',
        options: [
          ['captive', 'Captive (in-house)'],
          ['bpo', 'BPO (outsourced)'],
          ['internal', 'Internal'],
        ],
      },
      {
        name: 'assignmentStrategy',
        label: 'Assignment',
        kind: 'select',
        options: [
          ['round_robin', 'Round robin'],
          ['least_loaded', 'Least loaded'],
          ['random', 'Random'],
          ['direct', 'Direct'],
          ['queue', 'Team queue'],
        ],
      },
    ],
    canCreate: true,
  },
  {
    name: 'routing-rules',
    label: 'Routing rules',
    idField: 'id',
    columns: [
      'position',
      'taskType',
      'exceptionTypeLabel',
      'matchSiteName',
      'matchTeamName',
      'matchUserName',
      'teamName',
      'assigneeName',
      'isActive',
    ],
    columnLabels: {
      exceptionTypeLabel: 'Exception type',
      matchSiteName: 'Creator’s site',
      matchTeamName: 'Creator’s team',
      matchUserName: 'Creator',
      teamName: 'Routes to team',
      assigneeName: 'Assigned to',
    },
    fields: [
      { name: 'position', label: 'Position', kind: 'number', help: 'Lower positions are tried first.' },
      {
        name: 'taskType',
        label: 'Task type',
        kind: 'select',
        nullable: true,
        options: [
          ['callback', 'Callback'],
          ['tier2_record', 'Tier 2 record'],
          ['tier3', 'Tier 3'],
          ['executive_case', 'Executive case'],
          ['purchasing', 'Purchasing'],
        ],
      },
      {
        name: 'exceptionTypeId',
        label: 'Exception type',
        kind: 'select',
        optionsFrom: 'exception-types',
        nullable: true,
      },
      { name: 'matchSiteId', label: 'Creator’s site', kind: 'select', optionsFrom: 'sites', nullable: true },
      { name: 'matchTeamId', label: 'Creator’s team', kind: 'select', optionsFrom: 'teams', nullable: true },
      { name: 'matchUserId', label: 'Creator', kind: 'select', optionsFrom: 'users', nullable: true },
      { name: 'teamId', label: 'Routes to team', kind: 'select', optionsFrom: 'teams', required: true },
      {
        name: 'assigneeId',
        label: 'Assigned to',
        kind: 'select',
        optionsFrom: 'users',
        nullable: true,
        help: 'Optional: a member of that team who always gets these tasks.',
      },
      active,
    ],
    canCreate: true,
  },
  {
    name: 'users',
    label: 'Users',
    idField: 'id',
    columns: ['name', 'email', 'role', 'siteSlug', 'teamName', 'isActive'],
    columnLabels: { teamName: 'Team' },
    columnLookups: { siteSlug: { source: 'sites', by: 'slug' } },
    fields: [
      { name: 'name', label: 'Name', kind: 'text', required: true },
      { name: 'email', label: 'Email', kind: 'text', required: true },
      {
        name: 'role',
        label: 'Role',
        kind: 'select',
        options: [
          ['agent', 'Agent'],
          ['supervisor', 'Supervisor'],
          ['lead', 'Lead'],
          ['sme', 'SME'],
          ['callback_agent', 'Callback worker'],
          ['tier2', 'Tier 2'],
          ['tier3', 'Tier 3'],
          ['exec_escalations', 'Executive Escalations'],
          ['purchasing', 'Purchasing'],
          ['admin', 'Admin'],
          ['integration', 'Integration (API token only)'],
        ],
      },
      {
        name: 'siteSlug',
        label: 'Site',
        kind: 'select',
        optionsFrom: 'sites',
        optionValue: 'slug',
        nullable: true,
        emptyLabel: 'No site',
      },
      { name: 'password', label: 'Password (8+ characters)', kind: 'text' },
      active,
    ],
    canCreate: true,
  },
];
