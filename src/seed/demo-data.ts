// The demo organisation named in CONTRACT.md. Plain data; `seed-demo.ts` writes it.

export const demoSites = [
  { slug: 'east', name: 'East Leadership Desk', time_zone: 'America/New_York' },
  { slug: 'west', name: 'West Leadership Desk', time_zone: 'America/Los_Angeles' },
];

export const demoTeams = [
  { name: 'In-house Callbacks', kind: 'captive', assignment_strategy: 'round_robin' },
  { name: 'Acme BPO', kind: 'bpo', assignment_strategy: 'least_loaded' },
  { name: 'Tier 2', kind: 'internal', assignment_strategy: 'queue' },
  { name: 'Tier 3', kind: 'internal', assignment_strategy: 'random' },
  { name: 'Executive Escalations', kind: 'internal', assignment_strategy: 'direct' },
  { name: 'Purchasing', kind: 'internal', assignment_strategy: 'queue' },
] as const;

type DemoUser = {
  email: string;
  name: string;
  role: string;
  site?: string;
  team?: string;
  supervisor?: string;
};

export const demoUsers: DemoUser[] = [
  { email: 'admin@demo.test', name: 'Avery Admin', role: 'admin' },
  { email: 'supervisor.east@demo.test', name: 'Sam Ortiz', role: 'supervisor', site: 'east' },
  { email: 'supervisor.west@demo.test', name: 'Wren Parker', role: 'supervisor', site: 'west' },
  {
    email: 'agent.east@demo.test',
    name: 'Alex Kim',
    role: 'agent',
    site: 'east',
    supervisor: 'supervisor.east@demo.test',
  },
  {
    email: 'agent.west@demo.test',
    name: 'Jordan Lee',
    role: 'agent',
    site: 'west',
    supervisor: 'supervisor.west@demo.test',
  },
  { email: 'lead.east@demo.test', name: 'Morgan Diaz', role: 'lead', site: 'east' },
  { email: 'sme.east@demo.test', name: 'Riley Chen', role: 'sme', site: 'east' },
  { email: 'lead.west@demo.test', name: 'Casey Nguyen', role: 'lead', site: 'west' },
  {
    email: 'cb.captive@demo.test',
    name: 'Taylor Brooks',
    role: 'callback_agent',
    site: 'east',
    team: 'In-house Callbacks',
  },
  {
    email: 'cb.captive2@demo.test',
    name: 'Drew Patel',
    role: 'callback_agent',
    site: 'east',
    team: 'In-house Callbacks',
  },
  { email: 'cb.bpo@demo.test', name: 'Jamie Rivera', role: 'callback_agent', team: 'Acme BPO' },
  { email: 'cb.bpo2@demo.test', name: 'Quinn Foster', role: 'callback_agent', team: 'Acme BPO' },
  { email: 'tier2@demo.test', name: 'Harper Scott', role: 'tier2', site: 'east', team: 'Tier 2' },
  { email: 'tier3@demo.test', name: 'Rowan Blake', role: 'tier3', team: 'Tier 3' },
  { email: 'tier3.b@demo.test', name: 'Emery Cole', role: 'tier3', team: 'Tier 3' },
  { email: 'exec@demo.test', name: 'Kendall Moore', role: 'exec_escalations', team: 'Executive Escalations' },
  { email: 'purchasing@demo.test', name: 'Logan Hayes', role: 'purchasing', team: 'Purchasing' },
];

export const demoReasons = [
  ['supervisor_request', 'Supervisor Request'],
  ['service_delay', 'Service Delay'],
  ['service_provider_delay', 'Service Provider Delay'],
  ['claim_credit_dispute', 'Claim Credit Dispute'],
  ['replacement_dispute', 'Replacement Dispute'],
  ['coverage_denial', 'Coverage Denial'],
  ['unauthorized_work', 'Unauthorized Work'],
] as const;

/** Approved Call Back exception comments, one per reason plus a general one. */
export const demoCallBackComments: [string | null, string][] = [
  [null, 'Customer requested a call back from the Leadership Desk; appointment booked.'],
  ['supervisor_request', 'Customer requested a supervisor; no desk member available; call back booked.'],
  ['service_delay', 'Customer escalated over service delay; call back booked to review job progress.'],
  ['service_provider_delay', 'Customer escalated over service provider delay; call back booked.'],
  ['claim_credit_dispute', 'Customer disputes claim credit; call back booked for review.'],
  ['replacement_dispute', 'Customer disputes replacement offer; call back booked for review.'],
  ['coverage_denial', 'Customer disputes coverage denial; call back booked for review.'],
  ['unauthorized_work', 'Customer reports unauthorized work; call back booked for review.'],
];

export const demoResolutionReasons = [
  ['resolved_on_call', 'Resolved on call'],
  ['escalated_further', 'Escalated to Executive Escalations'],
  ['credit_issued', 'Credit issued'],
  ['replacement_approved', 'Replacement approved'],
  ['explained_policy', 'Policy explained; customer satisfied'],
  ['customer_unreachable', 'Customer unreachable'],
  ['customer_cancelled', 'Customer cancelled the call back'],
] as const;

/** How a Tier 2 escalation call ended (the Tier 2 record's own list, not the callback reasons). */
export const demoTier2ResolutionTypes = [
  ['resolved_by_tier2', 'Resolved by Tier 2'],
  ['service_rescheduled', 'Service provider visit rescheduled'],
  ['goodwill_credit', 'Goodwill credit offered'],
  ['replacement_offered', 'Replacement offered'],
  ['coverage_explained', 'Coverage explained'],
  ['sent_to_tier3', 'Sent to Tier 3'],
  ['leadership_callback', 'Leadership Desk callback booked'],
  ['sent_to_executive', 'Sent to Executive Escalations'],
] as const;

const firstNames = [
  'Maria',
  'James',
  'Linda',
  'Robert',
  'Patricia',
  'Michael',
  'Jennifer',
  'David',
  'Elizabeth',
  'William',
  'Barbara',
  'Richard',
  'Susan',
  'Joseph',
  'Jessica',
  'Thomas',
  'Sarah',
  'Charles',
  'Karen',
  'Daniel',
  'Nancy',
  'Matthew',
  'Lisa',
  'Anthony',
];
const lastNames = [
  'Garcia',
  'Smith',
  'Johnson',
  'Williams',
  'Brown',
  'Jones',
  'Miller',
  'Davis',
  'Rodriguez',
  'Martinez',
  'Hernandez',
  'Lopez',
  'Gonzalez',
  'Wilson',
  'Anderson',
  'Taylor',
  'Thomas',
  'Moore',
  'Jackson',
  'Martin',
  'Lee',
  'Perez',
  'Thompson',
  'White',
];
const zones = [
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
  'America/Phoenix',
];
const products = [
  'Refrigerator',
  'Washer',
  'Dryer',
  'Dishwasher',
  'Oven range',
  'HVAC system',
  'Water heater',
  'Garage door opener',
];
const jobStatuses = [
  'Awaiting parts',
  'Technician scheduled',
  'Diagnosis complete',
  'Parts ordered',
  'In repair',
];
const parts = [
  ['WR55X10025', 'Temperature sensor'],
  ['W10310240', 'Drain pump'],
  ['DC47-00019A', 'Heating element'],
  ['WD21X10490', 'Control board'],
  ['316075103', 'Igniter'],
  ['5304517203', 'Door gasket'],
];

/** Customers with one or two jobs each; deterministic so demos and screenshots repeat. */
export function buildDemoCustomers() {
  return firstNames.map((first, i) => {
    const last = lastNames[i];
    const jobCount = i % 3 === 0 ? 2 : 1;
    return {
      name: `${first} ${last}`,
      phone: `+1555${String(2000000 + i * 7919).slice(-7)}`,
      email: `${first}.${last}@example.test`.toLowerCase(),
      time_zone: zones[i % zones.length],
      jobs: Array.from({ length: jobCount }, (_, j) => ({
        number: `J-${String(100100 + i * 10 + j)}`,
        product: products[(i + j) % products.length],
        status: jobStatuses[(i + j) % jobStatuses.length],
        parts: Array.from({ length: 1 + ((i + j) % 2) }, (_, k) => {
          const [partNumber, description] = parts[(i + j + k) % parts.length];
          return { part_number: partNumber, description, status: k === 0 ? 'Ordered' : 'Backordered' };
        }),
        notes: [
          `Job opened for ${products[(i + j) % products.length].toLowerCase()} repair.`,
          `Technician diagnosed the fault; ${jobStatuses[(i + j) % jobStatuses.length].toLowerCase()}.`,
        ],
      })),
    };
  });
}
