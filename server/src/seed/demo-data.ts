// The demo organisation: a Hong Kong ICT provider with shops, a call-back centre, own field
// technicians and two outsourced installation contractors. Pure data, no I/O: the seeder writes
// it, the tests validate it against the shared schemas.
//
// Demo logins (printed at start and listed in the README) — one password per role:
//   frontline.chan / frontline.lam / frontline.ng / frontline.tsang   frontline-demo
//   outsourcer.cheung / outsourcer.yip                                 outsourcer-demo
//   supervisor.wong / supervisor.leung / supervisor.chow               supervisor-demo
//   manager.lee / manager.yuen                                         manager-demo
//   auditor.ho                                                         auditor-demo
import {
  HONG_KONG_OFFSET_MINUTES,
  type CompensationType,
  type ExecutionTask,
  type Id,
  type LimitRule,
  type LimitSet,
  type OutsourcingParty,
  type PlanVersion,
  type ReferenceItem,
  type ReferenceKind,
  type Risk,
  type RiskAppetite,
  type RiskCategory,
  type Role,
  type Tactic,
  type Team,
  type User,
} from '../../../shared/index.ts';

/** The demo password of each role. Demo only: never seed these outside a demo data directory. */
export const DEMO_PASSWORDS = {
  frontline: 'frontline-demo',
  outsourcer: 'outsourcer-demo',
  supervisor: 'supervisor-demo',
  manager: 'manager-demo',
  auditor: 'auditor-demo',
} as const satisfies Record<Role, string>;

export interface DemoOrganisation {
  references: ReferenceItem[];
  outsourcingParties: OutsourcingParty[];
  teams: Team[];
  users: Array<User & { password: string }>;
  plan: PlanVersion;
  tactics: Tactic[];
  limitSet: LimitSet;
  risks: Risk[];
  riskAppetite: RiskAppetite[];
}

// ---------------------------------------------------------------------------------------------
// Deterministic ids and dates
// ---------------------------------------------------------------------------------------------

/** Fixed base for demo ids, so re-seeding produces the same ids whatever the clock says. */
const DEMO_ID_BASE_MS = Date.UTC(2026, 0, 1);

/** Each kind owns a block of milliseconds, so adding a record of one kind never shifts another's ids. */
const ID_KINDS = {
  reference: 1,
  party: 2,
  team: 3,
  user: 4,
  plan: 5,
  strategy: 6,
  subStrategy: 7,
  task: 8,
  checkBack: 9,
  tactic: 10,
  limitSet: 11,
  limitRule: 12,
  risk: 13,
} as const;
type IdKind = keyof typeof ID_KINDS;

/**
 * UUIDv7-shaped ids without randomness: 48-bit ms = base + kind block + index, version 7, variant
 * 10, and kind + index again where the random bits would be. Unique, time-ordered within a kind,
 * and identical on every run (a seed must be reproducible; a random id would duplicate rows).
 */
function createDemoIds(): (kind: IdKind) => Id {
  const counters = new Map<IdKind, number>();
  return (kind) => {
    const index = (counters.get(kind) ?? 0) + 1;
    counters.set(kind, index);
    const block = ID_KINDS[kind];
    const ms = (DEMO_ID_BASE_MS + block * 100_000 + index).toString(16).padStart(12, '0');
    const tail = block.toString(16).padStart(4, '0') + index.toString(16).padStart(8, '0');
    return `${ms.slice(0, 8)}-${ms.slice(8, 12)}-7000-8000-${tail}`;
  };
}

const DAY_MS = 86_400_000;
const HK_OFFSET_MS = HONG_KONG_OFFSET_MINUTES * 60_000;

/** The Hong Kong calendar date `days` from `now` (dates are what people in Hong Kong read). */
function hkDate(now: Date, days: number): string {
  return new Date(now.getTime() + days * DAY_MS + HK_OFFSET_MS).toISOString().slice(0, 10);
}

/** A UTC instant at a Hong Kong wall-clock time on the day `days` from `now`. */
function hkInstant(now: Date, days: number, hour: number, minute = 0): string {
  const localMidnightAsUtc = Date.parse(`${hkDate(now, days)}T00:00:00.000Z`);
  return new Date(localMidnightAsUtc + (hour * 60 + minute) * 60_000 - HK_OFFSET_MS).toISOString();
}

/** Whole Hong Kong dollars to cents: limits are written in dollars here for readability. */
const hkdCents = (dollars: number): number => Math.round(dollars * 100);

// ---------------------------------------------------------------------------------------------
// Builder
// ---------------------------------------------------------------------------------------------

/**
 * The demo organisation, placed in time around `now` (plan published 30 days ago, next review in
 * 60 days). Same `now`, same output — ids do not depend on `now` at all.
 */
export function buildDemoOrganisation(now: Date): DemoOrganisation {
  const nextId = createDemoIds();

  const references = buildReferences(nextId);
  const outsourcingParties = buildParties(nextId);
  const { teams, users } = buildPeople(nextId, outsourcingParties);
  const userId = (username: string): Id => {
    const user = users.find((u) => u.username === username);
    if (user === undefined) throw new Error(`demo data: no user ${username}`);
    return user.id;
  };
  const plan = buildPlan(nextId, now, userId);
  const tactics = buildTactics(nextId);
  const limitSet = buildLimitSet(nextId, now, userId);
  const tacticId = (title: string): Id => {
    const tactic = tactics.find((t) => t.title === title);
    if (tactic === undefined) throw new Error(`demo data: no tactic "${title}"`);
    return tactic.id;
  };
  const risks = buildRisks(nextId, now, userId, tacticId);

  return {
    references,
    outsourcingParties,
    teams,
    users,
    plan,
    tactics,
    limitSet,
    risks,
    riskAppetite: RISK_APPETITE.map((a) => ({ ...a })),
  };
}

type NextId = (kind: IdKind) => Id;

// ---------------------------------------------------------------------------------------------
// Reference lists
// ---------------------------------------------------------------------------------------------

const REFERENCE_ROWS: ReadonlyArray<readonly [ReferenceKind, string, string, string, boolean?]> = [
  ['product', 'broadband', 'Broadband', '寬頻'],
  ['product', 'mobile', 'Mobile', '流動通訊'],
  ['product', 'cloud', 'Cloud services', '雲端服務'],
  ['product', 'devices', 'Devices', '裝置'],
  ['product', 'tv', 'Pay TV', '收費電視'],
  // Still a pilot: kept in the list but not offered, so old records keep a readable name.
  ['product', 'iot', 'IoT solutions (pilot)', '物聯網方案（試行）', false],
  ['segment', 'consumer', 'Consumer', '個人客戶'],
  ['segment', 'sme', 'SME', '中小企'],
  ['segment', 'enterprise', 'Enterprise', '企業'],
  ['segment', 'government', 'Government', '政府'],
  ['region', 'hk_island', 'Hong Kong Island', '香港島'],
  ['region', 'kowloon_east', 'Kowloon East', '九龍東'],
  ['region', 'kowloon_west', 'Kowloon West', '九龍西'],
  ['region', 'nt_east', 'New Territories East', '新界東'],
  ['region', 'nt_west', 'New Territories West', '新界西'],
  ['region', 'outlying_islands', 'Outlying Islands', '離島'],
];

function buildReferences(nextId: NextId): ReferenceItem[] {
  const orderInKind = new Map<ReferenceKind, number>();
  return REFERENCE_ROWS.map(([kind, code, en, zhHK, active = true]) => {
    const sortOrder = (orderInKind.get(kind) ?? 0) + 10;
    orderInKind.set(kind, sortOrder);
    return { id: nextId('reference'), kind, code, name: { en, zhHK }, active, sortOrder };
  });
}

// ---------------------------------------------------------------------------------------------
// Organisation: outsourcing parties, teams, users
// ---------------------------------------------------------------------------------------------

function buildParties(nextId: NextId): OutsourcingParty[] {
  return [
    {
      id: nextId('party'),
      name: 'Harbour Link Installation Services Ltd',
      services: [
        'Fibre broadband installation',
        'In-home Wi-Fi set-up',
        'Pay TV set-top box installation',
      ],
      active: true,
    },
    {
      id: nextId('party'),
      name: 'Tai Po Fibre & Cabling Engineering Co.',
      services: [
        'Fibre broadband installation',
        'SME office cabling',
        'Village house drop-wire work',
      ],
      active: true,
    },
  ];
}

interface PersonRow {
  username: string;
  displayName: string;
  role: Role;
  team: string | null;
  party: number | null;
  regions: string[];
  locale: User['locale'];
}

const TEAM_ROWS = [
  {
    key: 'kowloon-shops',
    name: 'Kowloon Shops (Mong Kok, Kwun Tong)',
    region: 'kowloon_west',
    lead: 'supervisor.wong',
  },
  {
    key: 'island-shops',
    name: 'Hong Kong Island Shops (Causeway Bay, Central)',
    region: 'hk_island',
    lead: 'supervisor.chow',
  },
  {
    key: 'field-nt',
    name: 'Field Technicians — New Territories & Islands',
    region: 'nt_east',
    lead: 'supervisor.leung',
  },
  // One supervisor leads two teams: the call-back centre sits next to the Island shops' back office.
  {
    key: 'call-back',
    name: 'Call-back Centre (Kwun Tong)',
    region: 'kowloon_east',
    lead: 'supervisor.chow',
  },
] as const;
type TeamKey = (typeof TEAM_ROWS)[number]['key'];

const PEOPLE: ReadonlyArray<PersonRow & { team: TeamKey | null }> = [
  {
    username: 'frontline.chan',
    displayName: 'Chan Ka Yan 陳嘉欣',
    role: 'frontline',
    team: 'kowloon-shops',
    party: null,
    regions: ['kowloon_west', 'kowloon_east'],
    locale: 'zh-HK',
  },
  {
    username: 'frontline.lam',
    displayName: 'Kenneth Lam 林家俊',
    role: 'frontline',
    team: 'island-shops',
    party: null,
    regions: ['hk_island'],
    locale: 'en',
  },
  {
    username: 'frontline.ng',
    displayName: 'Ng Chi Keung 吳志強',
    role: 'frontline',
    team: 'field-nt',
    party: null,
    regions: ['nt_east', 'nt_west', 'outlying_islands'],
    locale: 'zh-HK',
  },
  {
    username: 'frontline.tsang',
    displayName: 'Tsang Mei Ling 曾美玲',
    role: 'frontline',
    team: 'call-back',
    party: null,
    regions: [],
    locale: 'en',
  },
  // Outsourcers belong to their party (orgId) and are supervised by the field technicians' team.
  {
    username: 'outsourcer.cheung',
    displayName: 'Cheung Kwok Wai 張國偉',
    role: 'outsourcer',
    team: 'field-nt',
    party: 0,
    regions: ['hk_island', 'kowloon_east', 'kowloon_west'],
    locale: 'zh-HK',
  },
  {
    username: 'outsourcer.yip',
    displayName: 'Yip Ho Yin 葉浩然',
    role: 'outsourcer',
    team: 'field-nt',
    party: 1,
    regions: ['nt_east', 'nt_west', 'outlying_islands'],
    locale: 'en',
  },
  {
    username: 'supervisor.wong',
    displayName: 'Wong Siu Fung 黃兆豐',
    role: 'supervisor',
    team: 'kowloon-shops',
    party: null,
    regions: ['kowloon_west', 'kowloon_east'],
    locale: 'zh-HK',
  },
  {
    username: 'supervisor.leung',
    displayName: 'Leung Ka Ho 梁家豪',
    role: 'supervisor',
    team: 'field-nt',
    party: null,
    regions: ['nt_east', 'nt_west', 'outlying_islands'],
    locale: 'en',
  },
  {
    username: 'supervisor.chow',
    displayName: 'Chow Pui Yee 周佩儀',
    role: 'supervisor',
    team: 'island-shops',
    party: null,
    regions: ['hk_island', 'kowloon_east'],
    locale: 'en',
  },
  {
    username: 'manager.lee',
    displayName: 'Grace Lee 李美娟 (Head of Customer Experience)',
    role: 'manager',
    team: null,
    party: null,
    regions: [],
    locale: 'en',
  },
  {
    username: 'manager.yuen',
    displayName: 'Yuen Tak Ming 袁德明 (Head of Field Operations & Partners)',
    role: 'manager',
    team: null,
    party: null,
    regions: [],
    locale: 'zh-HK',
  },
  {
    username: 'auditor.ho',
    displayName: 'Ho Suk Yee 何淑儀 (Internal Audit)',
    role: 'auditor',
    team: null,
    party: null,
    regions: [],
    locale: 'en',
  },
];

function buildPeople(
  nextId: NextId,
  parties: readonly OutsourcingParty[],
): { teams: Team[]; users: Array<User & { password: string }> } {
  // Teams first (their ids are stable), then users; supervisors are filled in once users exist.
  const teamIds = new Map<TeamKey, Id>(TEAM_ROWS.map((t) => [t.key, nextId('team')]));
  const users = PEOPLE.map((p): User & { password: string } => {
    const party = p.party === null ? undefined : parties[p.party];
    return {
      id: nextId('user'),
      username: p.username,
      displayName: p.displayName,
      role: p.role,
      teamId: p.team === null ? null : (teamIds.get(p.team) ?? null),
      orgId: party?.id ?? null,
      regions: [...p.regions],
      locale: p.locale,
      active: true,
      password: DEMO_PASSWORDS[p.role],
    };
  });
  const teams = TEAM_ROWS.map((t): Team => ({
    id: teamIds.get(t.key) as Id,
    name: t.name,
    region: t.region,
    supervisorId: users.find((u) => u.username === t.lead)?.id ?? null,
  }));
  return { teams, users };
}

// ---------------------------------------------------------------------------------------------
// The CRM strategy execution plan
// ---------------------------------------------------------------------------------------------

function buildPlan(nextId: NextId, now: Date, userId: (username: string) => Id): PlanVersion {
  const checkBack = (days: number, title: string, criteria: string) => ({
    id: nextId('checkBack'),
    title,
    dueDate: hkDate(now, days),
    criteria,
  });
  const task = (
    title: string,
    owner: string,
    dueInDays: number,
    status: ExecutionTask['status'],
    kpi: ExecutionTask['kpi'],
    checkBackPoints: ExecutionTask['checkBackPoints'],
  ): ExecutionTask => ({
    id: nextId('task'),
    title,
    ownerId: userId(owner),
    dueDate: hkDate(now, dueInDays),
    status,
    kpi,
    checkBackPoints,
  });

  return {
    id: nextId('plan'),
    version: 1,
    title: 'CRM Strategy Execution Plan 2026',
    changeNote:
      'First version on the Frontline Playbook: the 2026 CRM strategies endorsed by the management committee, with owners, KPIs and check-back points, replacing the slide deck of January.',
    isUrgent: false,
    effectiveDate: hkDate(now, -30),
    nextReviewDue: hkDate(now, 60),
    publishedAt: hkInstant(now, -30, 9, 30),
    publishedBy: userId('manager.lee'),
    strategies: [
      {
        id: nextId('strategy'),
        title: 'Keep customers through fast, fair service recovery',
        summary:
          'When we let a customer down, the person in front of them puts it right on the spot, within clear limits, and records what was done. Fair goodwill given quickly keeps customers; refusing it or overpaying without a record loses either the customer or the money.',
        audience: 'everyone',
        subStrategies: [
          {
            id: nextId('subStrategy'),
            title: 'Recover on the spot, within the compensation limits',
            summary:
              'Every frontline person knows what they may offer without asking, uses the recovery form, and sends anything above their limit to their supervisor instead of saying no.',
            audience: 'everyone',
            tasks: [
              task(
                'Brief every shop, call-back and field team on the limit matrix and the recovery form',
                'supervisor.wong',
                -14,
                'done',
                { name: 'Staff and installers briefed', unit: '%', target: 100 },
                [
                  checkBack(
                    -21,
                    'Briefing attendance check',
                    'Attendance sheets show every team member and every contractor crew lead briefed; missing names listed with a date.',
                  ),
                ],
              ),
              task(
                'Resolve service-recovery cases at first contact',
                'supervisor.chow',
                45,
                'in_progress',
                { name: 'Recoveries closed at first contact', unit: '%', target: 80 },
                [
                  checkBack(
                    15,
                    'Mid-quarter first-contact check',
                    'First-contact rate per team from the recorded recoveries; any team under 70% explains why and agrees one action.',
                  ),
                  checkBack(
                    45,
                    'Quarter-end first-contact check',
                    'Rate at or above 80% for every team, and no rise in over-limit approvals rejected.',
                  ),
                ],
              ),
            ],
          },
          {
            id: nextId('subStrategy'),
            title: 'Call back every escalated complaint within 24 hours',
            summary:
              'Complaints that reach a supervisor, the regulator or social media get a named person and a call back within one working day, with the recovery already agreed where possible.',
            audience: 'staff',
            tasks: [
              task(
                'Call back escalated complaints within 24 hours',
                'frontline.tsang',
                30,
                'in_progress',
                { name: 'Escalated complaints called back within 24 h', unit: '%', target: 95 },
                [
                  checkBack(
                    7,
                    'Weekly call-back log review',
                    'Every escalated complaint of the week has a call-back time; late ones have a reason.',
                  ),
                ],
              ),
            ],
          },
          {
            id: nextId('subStrategy'),
            title: 'Prove that recovery keeps customers',
            summary:
              'Management compares churn and satisfaction of customers who received a recovery with those who did not, and adjusts the limits where recovery is too small to matter or larger than needed.',
            audience: 'management',
            tasks: [
              task(
                'Report 90-day churn of recovered customers against non-recovered customers',
                'manager.lee',
                20,
                'in_progress',
                { name: '90-day churn after a recovery', unit: '%', target: 5 },
                [
                  checkBack(
                    20,
                    'Churn comparison to management meeting',
                    'Report shows churn by product and segment for both groups, with the satisfaction score recorded after recovery.',
                  ),
                ],
              ),
              task(
                'Review the compensation matrix against recovery outcomes',
                'manager.lee',
                55,
                'not_started',
                { name: 'Average satisfaction after recovery', unit: 'score (1–5)', target: 4 },
                [
                  checkBack(
                    55,
                    'Limit matrix review',
                    'Limit utilisation per role and region reviewed; decision to keep or amend the matrix recorded with the review.',
                  ),
                ],
              ),
            ],
          },
        ],
      },
      {
        id: nextId('strategy'),
        title: 'Make outsourced installation reliable',
        summary:
          'Customers do not care who employs the installer. Contractors work to our appointment promise, tell us early when they cannot make it, and we step in before the customer has to chase.',
        audience: 'everyone',
        subStrategies: [
          {
            id: nextId('subStrategy'),
            title: 'Confirm every appointment the day before',
            summary:
              'Installers confirm each next-day appointment by 6 p.m. and report any that cannot be kept, so the shop or call-back centre can rebook before the customer waits at home.',
            audience: 'everyone',
            tasks: [
              task(
                'Confirm next-day appointments by 6 p.m. (Harbour Link crews)',
                'outsourcer.cheung',
                30,
                'in_progress',
                { name: 'Appointments confirmed the day before', unit: '%', target: 98 },
                [
                  checkBack(
                    14,
                    'Two-week confirmation check',
                    'Confirmation rate per crew; every unconfirmed appointment that was then missed is recorded as an incident.',
                  ),
                ],
              ),
              task(
                'Confirm next-day appointments by 6 p.m. (Tai Po Fibre crews)',
                'outsourcer.yip',
                30,
                'in_progress',
                { name: 'Appointments confirmed the day before', unit: '%', target: 98 },
                [
                  checkBack(
                    14,
                    'Two-week confirmation check',
                    'Confirmation rate per crew, including village-house and island jobs.',
                  ),
                ],
              ),
            ],
          },
          {
            id: nextId('subStrategy'),
            title: 'Back-up crews for the New Territories and the islands',
            summary:
              'Own technicians keep a standby rota so that a job a contractor drops in the NT or on an island is rescued within two working days.',
            audience: 'staff',
            tasks: [
              task(
                'Run an own-technician standby rota for dropped contractor jobs',
                'supervisor.leung',
                -5,
                'done',
                { name: 'Dropped jobs rescued within 2 working days', unit: '%', target: 90 },
                [
                  checkBack(
                    -10,
                    'Rota published',
                    'Rota covers every working day for the quarter, including ferry days for Lamma, Cheung Chau and Peng Chau.',
                  ),
                ],
              ),
              task(
                'Carry spare routers and ONTs on every field van',
                'frontline.ng',
                10,
                'in_progress',
                { name: 'Vans with full spare kit at morning check', unit: '%', target: 100 },
                [],
              ),
            ],
          },
          {
            id: nextId('subStrategy'),
            title: 'Hold contractors to the service agreement',
            summary:
              'Each contractor gets a monthly scorecard from recorded incidents (missed appointments per 100 jobs, repeat visits, complaints) and penalties or work allocation follow the scorecard.',
            audience: 'management',
            tasks: [
              task(
                'Publish a monthly contractor scorecard from recorded incidents',
                'manager.yuen',
                5,
                'in_progress',
                { name: 'Missed appointments per 100 jobs', unit: 'per 100 jobs', target: 2 },
                [
                  checkBack(
                    5,
                    'Scorecard shared with both contractors',
                    'Both contractors have received and acknowledged the scorecard; disputes logged.',
                  ),
                ],
              ),
              task(
                'Add a missed-appointment penalty clause to the Tai Po Fibre agreement',
                'manager.yuen',
                -3,
                'blocked',
                { name: 'Agreements with a penalty clause', unit: 'contracts', target: 2 },
                [
                  checkBack(
                    -3,
                    'Contract amendment signed',
                    'Blocked: contractor wants a volume guarantee in return; decision needed at the next review.',
                  ),
                ],
              ),
            ],
          },
        ],
      },
      {
        id: nextId('strategy'),
        title: 'Respond to competitor moves within 48 hours',
        summary:
          'What staff see on the street — a voucher stand outside our shop, a cheaper 5G plan, a new fibre entrant in a housing estate — reaches management the same day, and a response is decided within 48 hours.',
        audience: 'staff',
        subStrategies: [
          {
            id: nextId('subStrategy'),
            title: 'Report what you see, the same day',
            summary:
              'Anyone who sees a competitor action records it on the phone with where, which products and segments, and how many customers it could cost us. A photo of the flyer is enough.',
            audience: 'staff',
            tasks: [
              task(
                'Record every competitor action seen near our shops',
                'frontline.chan',
                25,
                'in_progress',
                {
                  name: 'Competitor actions reported within 24 h of being seen',
                  unit: '%',
                  target: 90,
                },
                [
                  checkBack(
                    10,
                    'Competitor log check',
                    'Each shop has reported at least weekly; reports include predicted impact.',
                  ),
                ],
              ),
            ],
          },
          {
            id: nextId('subStrategy'),
            title: 'Assess and decide within 48 hours',
            summary:
              'A manager assesses every reported competitor action within 48 hours and links a response: a tactic, a temporary retention offer within the limits, or a plan change.',
            audience: 'management',
            tasks: [
              task(
                'Assess reported competitor actions within 48 hours',
                'manager.lee',
                30,
                'in_progress',
                { name: 'Competitor actions assessed within 48 h', unit: '%', target: 100 },
                [
                  checkBack(
                    30,
                    'Response time review',
                    'Median and worst assessment time; every action without a response has a reason.',
                  ),
                ],
              ),
            ],
          },
          {
            id: nextId('subStrategy'),
            title: 'Retain customers at risk, within the limits',
            summary:
              'Shop and call-back staff use the competitor tactics for retention offers; anything above their limit goes to the supervisor, never an unrecorded discount.',
            audience: 'staff',
            tasks: [
              task(
                'Call back customers who asked for a cancellation quote',
                'frontline.tsang',
                21,
                'not_started',
                { name: 'Customers retained after a cancellation quote', unit: '%', target: 40 },
                [
                  checkBack(
                    21,
                    'Retention results',
                    'Retention rate by product and region; offers given all within limits or approved.',
                  ),
                ],
              ),
              task(
                'Refresh the Mong Kok 5G retention script',
                'supervisor.wong',
                -7,
                'done',
                { name: 'Shops using the refreshed script', unit: 'shops', target: 4 },
                [],
              ),
            ],
          },
        ],
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Tactics: the risk-specific playbook
// ---------------------------------------------------------------------------------------------

type TacticRow = Omit<Tactic, 'id' | 'active' | 'scope'> & {
  scope: readonly [product: string, segment: string, region: string];
};

// Each category has a `*` default plus more specific rows, so "most specific first" shows.
const TACTIC_ROWS: readonly TacticRow[] = [
  {
    title: 'Installer did not turn up: take ownership',
    category: 'outsourcer_non_delivery',
    scope: ['*', '*', '*'],
    steps: [
      'Apologise on behalf of the company. Do not blame the contractor in front of the customer: "This is our installation and we let you down."',
      'Check the job in the contractor portal and call the crew lead; if they cannot arrive within 2 hours, treat the appointment as missed.',
      'Offer the earliest rebooking, including an evening or Saturday slot, and confirm it by SMS while the customer is still on the line.',
      'Record the incident with the outsourcing party and ticket number so it counts in the contractor scorecard.',
    ],
    mayOffer: ['fee_waiver', 'bill_credit', 'non_monetary'],
    offerNote:
      'Waive the installation fee, or one week of service as bill credit, within your own limit.',
    escalateTo: 'supervisor',
    escalationNote:
      'Second no-show for the same customer, or the customer took a day off work: supervisor calls the customer the same day.',
  },
  {
    title: 'Enterprise installer no-show: protect the SLA',
    category: 'outsourcer_non_delivery',
    scope: ['broadband', 'enterprise', '*'],
    steps: [
      "Tell the customer's IT contact the new arrival time within 30 minutes of the missed slot; never leave an enterprise customer to chase.",
      'Ask the field-technician supervisor for an own crew; enterprise jobs are not rebooked back to the same contractor crew.',
      'Note the contracted service-level date; if it will be missed, say so now rather than at the deadline.',
    ],
    mayOffer: ['non_monetary'],
    offerNote:
      'Credits for enterprise customers follow the contract SLA schedule; frontline offers only a priority rebooking.',
    escalateTo: 'manager',
    escalationNote:
      'Account manager and Head of Field Operations informed the same day when an SLA date is at risk.',
  },
  {
    title: 'Island installation missed: ferry-aware rebooking',
    category: 'outsourcer_non_delivery',
    scope: ['broadband', '*', 'outlying_islands'],
    steps: [
      'Check whether the crew missed the ferry or the job was dropped; ask the crew lead for the next ferry they can make.',
      'If the contractor cannot come back within 2 working days, book the own-technician standby crew.',
      'Give the customer a time window that matches the ferry timetable, not a generic morning/afternoon slot.',
    ],
    mayOffer: ['fee_waiver', 'bill_credit'],
    offerNote:
      'Island customers often wait in for a whole day: the installation fee waiver is the usual gesture.',
    escalateTo: 'supervisor',
    escalationNote:
      'Standby rota owner (field-technician supervisor) when no crew is available within 2 working days.',
  },
  {
    title: 'Own technician missed the appointment',
    category: 'missed_appointment',
    scope: ['*', '*', '*'],
    steps: [
      'Apologise and give the reason you know; never guess.',
      'Rebook at the customer\'s preferred time and put "priority" on the job so dispatch cannot move it again.',
      'Record the incident against the team so repeat misses show on the dashboard.',
    ],
    mayOffer: ['bill_credit', 'non_monetary'],
    offerNote:
      'A small bill credit within your limit; a goodwill gift from the shop counts as non-monetary.',
    escalateTo: 'supervisor',
    escalationNote: 'Second miss for the same customer within 30 days.',
  },
  {
    title: 'Home broadband visit missed: waive the visit fee',
    category: 'missed_appointment',
    scope: ['broadband', 'consumer', '*'],
    steps: [
      'Waive the on-site visit fee for the rebooked visit before the customer asks.',
      'Offer a remote line test now; many faults can be fixed by a router reset while you wait on the line.',
      "Send the rebooking confirmation by SMS with the technician's arrival window.",
    ],
    mayOffer: ['fee_waiver', 'bill_credit'],
    offerNote: 'Fee waiver first; bill credit only if the customer was also without service.',
    escalateTo: 'supervisor',
    escalationNote: 'Customer without service for more than 48 hours.',
  },
  {
    title: 'Service outage: inform, credit, follow up',
    category: 'service_outage',
    scope: ['*', '*', '*'],
    steps: [
      'Check the outage board before troubleshooting; if the area is listed, say so straight away and give the latest restoration estimate.',
      'Do not promise a restoration time that is not on the outage board.',
      'Register the customer for the restoration SMS so they do not have to call again.',
      'After restoration, offer a pro-rata credit for the days without service.',
    ],
    mayOffer: ['bill_credit', 'non_monetary'],
    offerNote: 'Pro-rata credit for complete days without service, within your limit.',
    escalateTo: 'supervisor',
    escalationNote:
      'Outage over 24 hours, or a customer who depends on the line for medical alarms or a business.',
  },
  {
    title: 'Outlying islands broadband outage (submarine link)',
    category: 'service_outage',
    scope: ['broadband', '*', 'outlying_islands'],
    steps: [
      'Island outages often depend on a submarine cable or microwave link: repairs can take days, so give the honest estimate from the outage board.',
      'Offer a mobile data top-up or a loan 5G router so the customer has a connection during the repair.',
      'Credit the whole outage period after restoration; island customers get the higher island limit for this.',
    ],
    mayOffer: ['bill_credit', 'device_replacement', 'non_monetary'],
    offerNote:
      'Higher bill-credit limit applies to broadband on the outlying islands; a loan router is non-monetary.',
    escalateTo: 'supervisor',
    escalationNote:
      'Outage longer than 3 days, or more than 20 customers in one village reporting.',
  },
  {
    title: 'Mobile network outage',
    category: 'service_outage',
    scope: ['mobile', '*', '*'],
    steps: [
      "Check the cell-site status board for the customer's district; suggest Wi-Fi calling while the site is down.",
      'If the handset shows "SOS only" outside a listed outage, run the SIM check before assuming a network fault.',
      'Offer a data pass credit once service is back.',
    ],
    mayOffer: ['bill_credit', 'non_monetary'],
    offerNote: 'A data pass or pro-rata credit within your limit.',
    escalateTo: 'supervisor',
    escalationNote:
      'District-wide outage over 4 hours: supervisor checks that the shop posters and hotline message are up.',
  },
  {
    title: 'Enterprise cloud outage: SLA credits per contract',
    category: 'service_outage',
    scope: ['cloud', 'enterprise', '*'],
    steps: [
      'Open a P1 ticket with the cloud operations desk and give the customer the ticket number.',
      'Give updates every 30 minutes, even when there is nothing new.',
      'Do not discuss credits on the call; service credits follow the SLA schedule in the contract after the incident report.',
    ],
    mayOffer: [],
    offerNote: 'No compensation on the spot: SLA credits are calculated by the account team.',
    escalateTo: 'manager',
    escalationNote:
      'Every enterprise cloud outage goes to the Head of Customer Experience and the account manager within 1 hour.',
  },
  {
    title: 'Billing error: correct and credit the difference',
    category: 'billing_error',
    scope: ['*', '*', '*'],
    steps: [
      'Compare the bill with the plan and the usage record; show the customer the line that is wrong.',
      'Raise the billing correction and give the reference number.',
      'Credit the overcharged amount now if it is within your limit, so the customer does not wait for the next bill cycle.',
      'Check whether the same error is on the previous bills and correct them too.',
    ],
    mayOffer: ['bill_credit', 'refund'],
    offerNote: 'Credit the overcharge; refunds to card or bank account need approval.',
    escalateTo: 'supervisor',
    escalationNote:
      'Overcharge spanning more than 3 bills, or the customer has already paid a collection fee.',
  },
  {
    title: 'Roaming bill shock (consumer mobile)',
    category: 'billing_error',
    scope: ['mobile', 'consumer', '*'],
    steps: [
      'Check whether the roaming SMS alerts and the data cap were sent; if not, the charge above the cap is our error.',
      'Re-rate the usage at the day-pass price the customer would have been offered.',
      'Switch on the roaming cap and alerts for the customer before ending the conversation.',
    ],
    mayOffer: ['bill_credit'],
    offerNote:
      'Credit the difference between the charge and the day-pass price; amounts above your limit go to the supervisor.',
    escalateTo: 'supervisor',
    escalationNote: 'Any roaming credit above HK$2,000.',
  },
  {
    title: 'Installation delayed: give a date and keep it',
    category: 'installation_delay',
    scope: ['*', '*', '*'],
    steps: [
      'Explain the real cause (building access, wiring, equipment) and the next step with a date.',
      'Set a reminder to call the customer on that date even if nothing has changed.',
      'Offer a temporary 5G home router if the delay is more than 7 days.',
    ],
    mayOffer: ['fee_waiver', 'non_monetary'],
    offerNote:
      'Waive the installation fee when the delay is on our side; a loan router is non-monetary.',
    escalateTo: 'supervisor',
    escalationNote: 'Delay beyond 14 days from the promised date.',
  },
  {
    title: 'New SME building in Kwun Tong without fibre access',
    category: 'installation_delay',
    scope: ['broadband', 'sme', 'kowloon_east'],
    steps: [
      'Ask the building management office whether the in-building wiring consent has been given; many new Kwun Tong commercial buildings wait for it.',
      'Offer a business 5G router with a static IP so the shop or office can open on time.',
      'Give the SME owner a single contact (the field-technician supervisor) until the line is live.',
    ],
    mayOffer: ['fee_waiver', 'non_monetary'],
    offerNote: "Waive the first month's fee once the line is live if the delay exceeded 14 days.",
    escalateTo: 'supervisor',
    escalationNote:
      'Building consent refused or pending more than 30 days: supervisor escalates to the Head of Field Operations.',
  },
  {
    title: 'Complaint escalation: one owner, one call back',
    category: 'complaint_escalation',
    scope: ['*', '*', '*'],
    steps: [
      'Listen to the end; repeat the complaint back in one sentence and ask whether it is right.',
      'Give your name and promise a call back within 24 hours from a named person.',
      'If the customer mentions OFCA, the Consumer Council or the media, note it in the record word for word and escalate now.',
    ],
    mayOffer: ['bill_credit', 'voucher', 'non_monetary'],
    offerNote:
      'Within your limit while the complaint is open; larger settlements go through the supervisor.',
    escalateTo: 'supervisor',
    escalationNote: 'Mention of a regulator, the media or a lawyer: supervisor the same hour.',
  },
  {
    title: 'Government customer complaint: through the contract manager',
    category: 'complaint_escalation',
    scope: ['*', 'government', '*'],
    steps: [
      "Record the complaint and the department's reference number; do not offer anything on the spot.",
      'Inform the government contract manager the same day; they answer in writing.',
    ],
    mayOffer: [],
    offerNote: 'Government contracts fix service credits; frontline makes no offer.',
    escalateTo: 'manager',
    escalationNote: 'Every government complaint reaches a manager the same day.',
  },
  {
    title: 'Suspected fraud: stop, do not compensate, escalate',
    category: 'fraud_suspicion',
    scope: ['*', '*', '*'],
    steps: [
      'Do not process the request (SIM replacement, change of ownership, port-out, large order) if the identity check fails or the story changes.',
      'Tell the customer politely that the request needs an extra check and will be completed within one working day.',
      'Do not copy or photograph identity documents; record only the account number and what was requested.',
      'Never give compensation on a case marked as suspected fraud.',
    ],
    mayOffer: [],
    offerNote: 'Nothing may be offered while fraud is suspected.',
    escalateTo: 'supervisor',
    escalationNote: 'Supervisor reviews within the hour and informs the fraud team.',
  },
  {
    title: 'Device order with suspicious payment',
    category: 'fraud_suspicion',
    scope: ['devices', '*', '*'],
    steps: [
      'Hold handsets when several high-value devices are ordered on a new account or paid with several cards.',
      "Ask for the account PIN; never hand over devices to a third party without the customer's written authorisation.",
    ],
    mayOffer: [],
    offerNote: 'Nothing may be offered.',
    escalateTo: 'supervisor',
    escalationNote: 'Shop supervisor before any held device is released.',
  },
  {
    title: 'Personal data sent to the wrong person',
    category: 'data_privacy',
    scope: ['*', '*', '*'],
    steps: [
      'Stop: do not send anything more to the wrong address or number.',
      'Record what was disclosed (type of data, not the data itself) and when, with the account number only.',
      'Tell the affected customer honestly what happened and what we are doing; do not speculate about consequences.',
      'Escalate at once: the data-breach response (including whether to notify the Privacy Commissioner, PCPD) is decided by management.',
    ],
    mayOffer: ['non_monetary'],
    offerNote:
      'An apology letter is arranged by management; frontline offers no money for a privacy incident.',
    escalateTo: 'manager',
    escalationNote:
      'Head of Customer Experience within 1 hour; the Data Protection Officer is informed by the manager.',
  },
  {
    title: 'Competitor vouchers near our shop',
    category: 'competitor_related',
    scope: ['*', '*', '*'],
    steps: [
      'Record the competitor action with a photo of the flyer or stand, the products, and your estimate of customers at risk.',
      'Do not criticise the competitor; explain what our plan includes that theirs does not (coverage, service recovery, local shops).',
      'For customers who say they will leave, use the retention offer within your limit and log it as a recovery with reason "competitor".',
    ],
    mayOffer: ['voucher', 'bill_credit', 'non_monetary'],
    offerNote:
      'Retention vouchers or credits within your limit; never match a competitor price without approval.',
    escalateTo: 'supervisor',
    escalationNote: 'More than 5 customers in a day citing the same competitor offer.',
  },
  {
    title: 'Mong Kok 5G price war (consumer mobile)',
    category: 'competitor_related',
    scope: ['mobile', 'consumer', 'kowloon_west'],
    steps: [
      'Use the refreshed Mong Kok 5G retention script: compare total cost over the contract, including the handset.',
      'Offer the data add-on for 3 months at no charge to customers within 6 months of contract end.',
      'Record every customer who still leaves, with the competitor plan they took.',
    ],
    mayOffer: ['bill_credit', 'voucher'],
    offerNote:
      'Up to 3 months of data add-on as bill credit; voucher only if the customer is buying accessories.',
    escalateTo: 'supervisor',
    escalationNote: 'Request to match a competitor handset subsidy.',
  },
  {
    title: 'New fibre entrant in NT West housing estates',
    category: 'competitor_related',
    scope: ['broadband', '*', 'nt_west'],
    steps: [
      "Check whether the estate in Tuen Mun or Yuen Long is on the entrant's list; record the estate name.",
      'Offer a free speed upgrade trial and Wi-Fi check by a technician instead of a price cut.',
    ],
    mayOffer: ['non_monetary', 'fee_waiver'],
    offerNote: 'Upgrade trial and a waived visit fee; price matching needs a manager.',
    escalateTo: 'manager',
    escalationNote: 'Any estate-wide offer is decided by a manager within 48 hours.',
  },
];

function buildTactics(nextId: NextId): Tactic[] {
  return TACTIC_ROWS.map(({ scope: [product, segment, region], ...row }) => ({
    id: nextId('tactic'),
    ...row,
    scope: { product, segment, region },
    mayOffer: [...row.mayOffer],
    steps: [...row.steps],
    active: true,
  }));
}

// ---------------------------------------------------------------------------------------------
// Compensation limits (delegation of authority)
// ---------------------------------------------------------------------------------------------

type LimitRow = readonly [
  role: Role,
  product: string,
  segment: string,
  region: string,
  type: CompensationType | '*',
  perCaseHkd: number,
  perPeriodHkd: number,
  period: LimitRule['period'],
];

// Most specific row wins (role and type count too); equally specific rows take the lower limit.
// A zero row means "always ask": it is how a role is kept out of a segment or a type.
const LIMIT_ROWS: readonly LimitRow[] = [
  // frontline: own staff in shops, call-back and the field
  ['frontline', '*', '*', '*', '*', 100, 500, 'day'],
  ['frontline', '*', '*', '*', 'bill_credit', 300, 3_000, 'month'],
  ['frontline', '*', '*', '*', 'fee_waiver', 500, 2_000, 'week'],
  ['frontline', '*', '*', '*', 'voucher', 200, 1_000, 'week'],
  ['frontline', '*', '*', '*', 'non_monetary', 100, 1_000, 'month'],
  ['frontline', '*', '*', '*', 'refund', 0, 0, 'month'],
  ['frontline', '*', '*', '*', 'device_replacement', 0, 0, 'month'],
  // Faulty router or handset swapped at the counter within the 7-day exchange window. Scoped to
  // consumers on purpose: a `*` segment here would out-rank the enterprise/government rows below.
  ['frontline', 'devices', 'consumer', '*', 'device_replacement', 2_000, 6_000, 'week'],
  // Enterprise customers have contracts: frontline goodwill is kept small.
  ['frontline', '*', 'enterprise', '*', '*', 100, 300, 'day'],
  ['frontline', '*', 'government', '*', '*', 0, 0, 'month'],
  // Island outages last longer (single submarine link): a bigger credit is fair. Named segments
  // again, so contract customers on the islands stay under their own rows.
  ['frontline', 'broadband', 'consumer', 'outlying_islands', 'bill_credit', 800, 8_000, 'month'],
  ['frontline', 'broadband', 'sme', 'outlying_islands', 'bill_credit', 800, 8_000, 'month'],

  // outsourcer: gestures and small vouchers only
  ['outsourcer', '*', '*', '*', '*', 0, 0, 'day'],
  ['outsourcer', '*', '*', '*', 'non_monetary', 50, 300, 'week'],
  ['outsourcer', '*', '*', '*', 'voucher', 100, 500, 'week'],
  ['outsourcer', '*', 'enterprise', '*', '*', 0, 0, 'day'],
  ['outsourcer', '*', 'government', '*', '*', 0, 0, 'day'],

  // supervisor: team leads
  ['supervisor', '*', '*', '*', '*', 1_000, 10_000, 'month'],
  ['supervisor', '*', '*', '*', 'bill_credit', 2_000, 20_000, 'month'],
  ['supervisor', '*', '*', '*', 'refund', 1_500, 10_000, 'month'],
  ['supervisor', '*', '*', '*', 'device_replacement', 6_000, 30_000, 'month'],
  ['supervisor', 'broadband', '*', 'outlying_islands', 'bill_credit', 3_000, 30_000, 'month'],
  ['supervisor', 'cloud', 'enterprise', '*', 'bill_credit', 5_000, 30_000, 'month'],

  // manager: highest authority
  ['manager', '*', '*', '*', '*', 20_000, 200_000, 'month'],
  ['manager', '*', '*', '*', 'device_replacement', 15_000, 100_000, 'month'],
  ['manager', '*', 'government', '*', '*', 50_000, 300_000, 'month'],

  // auditor: changes nothing, so gives nothing
  ['auditor', '*', '*', '*', '*', 0, 0, 'month'],
];

function buildLimitSet(nextId: NextId, now: Date, userId: (username: string) => Id): LimitSet {
  const publishedAt = hkInstant(now, -30, 9, 30);
  return {
    id: nextId('limitSet'),
    version: 1,
    effectiveFrom: publishedAt,
    publishedAt,
    publishedBy: userId('manager.lee'),
    changeNote:
      'First compensation matrix on the Frontline Playbook: frontline goodwill within daily/weekly limits, outsourcers limited to gestures and small vouchers, supervisors and managers above; enterprise and government kept with their contracts; higher island broadband credit.',
    rules: LIMIT_ROWS.map(
      ([
        role,
        product,
        segment,
        region,
        compensationType,
        perCase,
        perPeriod,
        period,
      ]): LimitRule => ({
        id: nextId('limitRule'),
        role,
        product,
        segment,
        region,
        compensationType,
        currency: 'HKD',
        maxPerCase: hkdCents(perCase),
        maxPerPeriod: hkdCents(perPeriod),
        period,
      }),
    ),
  };
}

// ---------------------------------------------------------------------------------------------
// Risk register and appetite
// ---------------------------------------------------------------------------------------------

// One per category used by the tactics and the register: the highest acceptable residual score.
const RISK_APPETITE: readonly RiskAppetite[] = [
  { category: 'outsourcer_non_delivery', maxResidualScore: 9 },
  { category: 'missed_appointment', maxResidualScore: 9 },
  { category: 'service_outage', maxResidualScore: 8 },
  { category: 'billing_error', maxResidualScore: 6 },
  { category: 'installation_delay', maxResidualScore: 9 },
  { category: 'complaint_escalation', maxResidualScore: 6 },
  { category: 'fraud_suspicion', maxResidualScore: 4 },
  { category: 'data_privacy', maxResidualScore: 4 },
  { category: 'competitor_related', maxResidualScore: 12 },
];

interface RiskRow {
  title: string;
  description: string;
  category: RiskCategory;
  owner: string;
  inherent: [likelihood: number, impact: number];
  residual: [likelihood: number, impact: number];
  controls: string[];
  updatedDaysAgo: number;
}

// Two residual scores sit above appetite on purpose (fraud, privacy), so the dashboard has work.
const RISK_ROWS: readonly RiskRow[] = [
  {
    title: 'Outsourced installers miss or drop appointments',
    description:
      'Contractor crews miss confirmed installation slots or drop jobs at short notice, especially in the NT and on the islands; customers take leave to wait and cancel their orders.',
    category: 'outsourcer_non_delivery',
    owner: 'manager.yuen',
    inherent: [4, 4],
    residual: [3, 3],
    controls: [
      'Installer did not turn up: take ownership',
      'Enterprise installer no-show: protect the SLA',
      'Island installation missed: ferry-aware rebooking',
    ],
    updatedDaysAgo: 12,
  },
  {
    title: 'Own technicians miss home visits',
    description:
      'Dispatch overbooks own technicians on peak days; visits are moved without telling the customer.',
    category: 'missed_appointment',
    owner: 'supervisor.leung',
    inherent: [3, 3],
    residual: [2, 3],
    controls: [
      'Own technician missed the appointment',
      'Home broadband visit missed: waive the visit fee',
    ],
    updatedDaysAgo: 20,
  },
  {
    title: 'Prolonged broadband outage on the outlying islands',
    description:
      'Island service depends on a few submarine and microwave links; a cut leaves whole villages without service for days.',
    category: 'service_outage',
    owner: 'supervisor.leung',
    inherent: [3, 5],
    residual: [2, 4],
    controls: [
      'Service outage: inform, credit, follow up',
      'Outlying islands broadband outage (submarine link)',
    ],
    updatedDaysAgo: 30,
  },
  {
    title: 'Billing errors after tariff migration',
    description:
      'Customers moved to the 2026 tariffs are charged on the old rates or charged roaming above their cap.',
    category: 'billing_error',
    owner: 'manager.lee',
    inherent: [3, 3],
    residual: [2, 2],
    controls: [
      'Billing error: correct and credit the difference',
      'Roaming bill shock (consumer mobile)',
    ],
    updatedDaysAgo: 9,
  },
  {
    title: 'Complaints escalated to the regulator or the media',
    description:
      'Unresolved complaints reach OFCA, the Consumer Council or social media before a supervisor has called the customer.',
    category: 'complaint_escalation',
    owner: 'supervisor.wong',
    inherent: [3, 4],
    residual: [2, 3],
    controls: [
      'Complaint escalation: one owner, one call back',
      'Government customer complaint: through the contract manager',
    ],
    updatedDaysAgo: 15,
  },
  {
    title: 'Unauthorised SIM replacement and device fraud',
    description:
      'Fraudsters use stolen identities for SIM swaps (to intercept bank one-time passwords) or to take high-value handsets on new accounts.',
    category: 'fraud_suspicion',
    owner: 'manager.lee',
    inherent: [3, 5],
    residual: [2, 4],
    controls: [
      'Suspected fraud: stop, do not compensate, escalate',
      'Device order with suspicious payment',
    ],
    updatedDaysAgo: 5,
  },
  {
    title: 'Customer personal data disclosed by staff or contractors',
    description:
      "Bills, order forms or photos with customer data sent to the wrong person or kept on contractors' own phones, in breach of the PD(P)O.",
    category: 'data_privacy',
    owner: 'manager.yuen',
    inherent: [3, 5],
    residual: [2, 4],
    controls: ['Personal data sent to the wrong person'],
    updatedDaysAgo: 25,
  },
  {
    title: 'Competitor campaigns poach customers near contract end',
    description:
      'Competitors run voucher stands outside our shops and cheaper 5G and fibre offers in housing estates, targeting customers near contract end.',
    category: 'competitor_related',
    owner: 'manager.lee',
    inherent: [4, 3],
    residual: [3, 3],
    controls: [
      'Competitor vouchers near our shop',
      'Mong Kok 5G price war (consumer mobile)',
      'New fibre entrant in NT West housing estates',
    ],
    updatedDaysAgo: 3,
  },
];

function buildRisks(
  nextId: NextId,
  now: Date,
  userId: (username: string) => Id,
  tacticId: (title: string) => Id,
): Risk[] {
  return RISK_ROWS.map((r) => ({
    id: nextId('risk'),
    title: r.title,
    description: r.description,
    category: r.category,
    ownerId: userId(r.owner),
    inherent: { likelihood: r.inherent[0], impact: r.inherent[1] },
    residual: { likelihood: r.residual[0], impact: r.residual[1] },
    controlTacticIds: r.controls.map(tacticId),
    updatedAt: hkInstant(now, -r.updatedDaysAgo, 17, 0),
  }));
}
