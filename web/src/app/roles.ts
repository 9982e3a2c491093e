// Which screens each role sees, in one place.

export const roleLabels: Record<string, string> = {
  agent: 'Agent',
  supervisor: 'Supervisor',
  lead: 'Leadership Desk lead',
  sme: 'Leadership Desk SME',
  callback_agent: 'Callback worker',
  tier2: 'Tier 2',
  tier3: 'Tier 3',
  exec_escalations: 'Executive Escalations',
  purchasing: 'Purchasing',
  admin: 'Admin',
  integration: 'Integration',
};

export const deskRoles = ['supervisor', 'lead', 'sme'];
export const consoleRoles = ['agent', 'supervisor', 'lead', 'sme', 'tier2', 'admin'];

export function canUseConsole(role: string) {
  return consoleRoles.includes(role);
}
export function isDeskMember(role: string) {
  return deskRoles.includes(role);
}
export function isAdmin(role: string) {
  return role === 'admin';
}

/** Where a role lands after signing in. */
export function homeFor(role: string): string {
  if (role === 'agent' || role === 'tier2') return '/console';
  if (isDeskMember(role)) return '/desk';
  if (role === 'admin') return '/admin';
  return '/tasks/board';
}

export function canReadReports(role: string) {
  return isDeskMember(role) || isAdmin(role);
}
