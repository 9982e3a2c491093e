/** Every role a user may have (the `users.role` check in 0001_foundation lists the same). */
export const allRoles = [
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
