/** The roles of people (everyone who signs in to work in the app). */
export const peopleRoles = [
  'agent',
  'supervisor',
  'lead',
  'sme',
  'callback_agent',
  'tier2',
  'tier3',
  'exec_escalations',
  'purchasing',
  'admin',
] as const;

/**
 * Every role a user may have (the `users.role` check, last set in 0013_integrations, lists the
 * same). `integration` is a system of record calling with an API token: it may use the
 * integration routes only, so it is not one of `peopleRoles`.
 */
export const allRoles = [...peopleRoles, 'integration'] as const;
