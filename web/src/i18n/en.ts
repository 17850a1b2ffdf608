import type {
  ApprovalState,
  Audience,
  CompensationType,
  CompetitorActionInput,
  LimitDecision,
  LimitRule,
  PersonalDataKind,
  IncidentStatus,
  RecoveryStatus,
  RiskBand,
  RiskCategory,
  Role,
  TaskStatus,
} from '../../../shared/index.ts';
import type { AmountProblem } from '../format/parse-amount.ts';
import type { LimitReasonCode, SyncStatusCode, UiErrorCode } from './codes.ts';

/*
 * The English catalogue. It defines the keys: zh-hk.ts must have exactly the same ones (the type
 * checker and i18n.test.ts both check). Placeholders are `{name}`; there are no plural rules, so
 * sentences are written to read well with any number ("Waiting to sync: 3").
 *
 * The groups below are typed against the codes they translate: add a code to shared/ (an error,
 * a risk category, a status…) and this file stops compiling until it has words.
 */

/** Stable error codes (shared/protocol/errors.ts, the transport's, the stores') as user words. */
const errors = {
  'error.validation': 'Please check the highlighted field.',
  'error.unauthenticated': 'Please sign in.',
  'error.session_revoked':
    'This phone was signed out by a manager. Sign in again; nothing waiting to sync is lost.',
  'error.session_expired':
    'Your sign-in has expired. Sign in again; nothing waiting to sync is lost.',
  'error.forbidden': 'You are not allowed to do this.',
  'error.not_found': 'Not found. It may have been removed.',
  'error.conflict':
    'Someone changed this at the same time. Check the latest version and try again.',
  'error.idempotency_conflict':
    'This record was already sent with different content. Ask your supervisor to check it.',
  'error.too_many_attempts': 'Too many attempts. Wait a few minutes, then try again.',
  'error.payload_too_large': 'This is too large to send. Remove a photo and try again.',
  'error.unsupported_protocol':
    'This version of the app is out of date. Reload to update; your records wait safely.',
  'error.bad_credentials': 'Wrong username or password.',
  'error.bad_cursor': 'Sync had to start over. Nothing is lost.',
  'error.invalid_transition': 'That change is not allowed from the current status.',
  'error.internal': 'Something went wrong on the server. Nothing was lost; try again.',
  'error.network': 'No connection. Your records are saved on this phone and will be sent later.',
  'error.timeout': 'The server took too long to answer. Try again.',
  'error.bad_response': 'The server sent an answer this app does not understand. Try again later.',
  'error.signed_out': 'Sign in first.',
  'error.unsynced_records':
    'Some records have not been sent yet. Sync, or fix what needs attention, before signing out.',
  'error.other_user_data':
    "Another user's records on this phone have not been sent yet. They must sign in and sync first.",
  'error.not_needing_attention': 'This record does not need your attention.',
} as const satisfies Record<`error.${UiErrorCode}`, string>;

/** Why compensation needs approval (shared/domain/limit-decision.ts), short and in full. */
const limitReasons = {
  'reason.no_rule': 'No limit for this',
  'reason.limits_stale': 'Limits out of date',
  'reason.over_per_case': 'Over per-case limit',
  'reason.over_period': 'Over period limit',
} as const satisfies Record<`reason.${LimitReasonCode}`, string>;

const limitPanel = {
  'limit.title': 'Your limit',
  'limit.within': 'You may give this now',
  'limit.withinDetail': 'Up to {perCase} per case.',
  'limit.remaining.day': '{amount} left today.',
  'limit.remaining.week': '{amount} left this week.',
  'limit.remaining.month': '{amount} left this month.',
  'limit.needsApproval': 'Needs approval',
  'limit.needsApprovalDetail': 'Send it for approval. Do not give it until it is approved.',
  'limit.enterAmount': 'Enter an amount to see whether you may give it now.',
  'limit.explain.no_rule':
    'You have no limit for this type of compensation here, so any amount needs approval.',
  'limit.explain.limits_stale':
    'The limits on this phone are {age} old (the most allowed is {max}). Sync to update them.',
  'limit.explain.limits_never':
    'The limits have not been downloaded to this phone yet. Sync first.',
  'limit.explain.over_per_case': '{amount} is {excess} over your per-case limit of {limit}.',
  'limit.explain.over_period.day':
    'With {used} already given today, {amount} is {excess} over your daily limit of {limit}.',
  'limit.explain.over_period.week':
    'With {used} already given this week, {amount} is {excess} over your weekly limit of {limit}.',
  'limit.explain.over_period.month':
    'With {used} already given this month, {amount} is {excess} over your monthly limit of {limit}.',
} as const;

const amountProblems = {
  'amount.empty': 'Enter an amount.',
  'amount.invalid': 'Enter an amount like 120 or 120.50.',
  'amount.too_many_decimals': 'Use at most two decimal places.',
  'amount.negative': 'The amount cannot be negative.',
  'amount.too_large': 'That amount is too large.',
} as const satisfies Record<`amount.${AmountProblem}`, string>;

const roles = {
  'role.frontline': 'Frontline staff',
  'role.outsourcer': 'Outsourced staff',
  'role.supervisor': 'Supervisor',
  'role.manager': 'Manager',
  'role.auditor': 'Auditor',
} as const satisfies Record<`role.${Role}`, string>;

const categories = {
  'category.outsourcer_non_delivery': 'Outsourcer did not deliver',
  'category.missed_appointment': 'Missed appointment',
  'category.service_outage': 'Service outage',
  'category.billing_error': 'Billing error',
  'category.installation_delay': 'Installation delay',
  'category.complaint_escalation': 'Complaint escalation',
  'category.fraud_suspicion': 'Suspected fraud',
  'category.data_privacy': 'Data or privacy',
  'category.competitor_related': 'Competitor-related',
  'category.other': 'Other',
} as const satisfies Record<`category.${RiskCategory}`, string>;

const compensation = {
  'compensation.bill_credit': 'Bill credit',
  'compensation.fee_waiver': 'Fee waiver',
  'compensation.voucher': 'Voucher',
  'compensation.device_replacement': 'Device replacement',
  'compensation.refund': 'Refund',
  'compensation.non_monetary': 'Non-monetary gesture',
} as const satisfies Record<`compensation.${CompensationType}`, string>;

const statuses = {
  'incidentStatus.open': 'Open',
  'incidentStatus.in_recovery': 'In recovery',
  'incidentStatus.resolved': 'Resolved',
  'incidentStatus.closed': 'Closed',
  'recoveryStatus.given': 'Given',
  'recoveryStatus.awaiting_approval': 'Awaiting approval',
  'recoveryStatus.approved': 'Approved',
  'recoveryStatus.rejected': 'Rejected',
  'recoveryStatus.withdrawn': 'Withdrawn',
  'recoveryStatus.expired': 'Expired',
  'approvalState.pending': 'Pending',
  'approvalState.escalated': 'Escalated',
  'approvalState.approved': 'Approved',
  'approvalState.rejected': 'Rejected',
  'approvalState.withdrawn': 'Withdrawn',
  'approvalState.expired': 'Expired',
  'taskStatus.not_started': 'Not started',
  'taskStatus.in_progress': 'In progress',
  'taskStatus.blocked': 'Blocked',
  'taskStatus.done': 'Done',
} as const satisfies Record<
  | `incidentStatus.${IncidentStatus}`
  | `recoveryStatus.${RecoveryStatus}`
  | `approvalState.${ApprovalState}`
  | `taskStatus.${TaskStatus}`,
  string
>;

const competitorActions = {
  'competitorAction.price_cut': 'Price cut',
  'competitorAction.promotion': 'Promotion',
  'competitorAction.new_product': 'New product',
  'competitorAction.poaching_staff': 'Poaching staff',
  'competitorAction.poaching_customers': 'Poaching customers',
  'competitorAction.other': 'Other',
} as const satisfies Record<`competitorAction.${CompetitorActionInput['actionType']}`, string>;

const scales = {
  'impact.low': 'Low',
  'impact.medium': 'Medium',
  'impact.high': 'High',
} as const satisfies Record<`impact.${CompetitorActionInput['predictedImpact']}`, string>;

const bands = {
  'riskBand.low': 'Low',
  'riskBand.medium': 'Medium',
  'riskBand.high': 'High',
  'riskBand.extreme': 'Extreme',
} as const satisfies Record<`riskBand.${RiskBand}`, string>;

const audiences = {
  'audience.everyone': 'Everyone, incl. outsourcers',
  'audience.staff': 'Own staff',
  'audience.management': 'Management',
} as const satisfies Record<`audience.${Audience}`, string>;

const periods = {
  'period.day': 'per day',
  'period.week': 'per week',
  'period.month': 'per month',
} as const satisfies Record<`period.${LimitRule['period']}`, string>;

const outcomes = {
  'outcome.within_limit': 'Within limit',
  'outcome.needs_approval': 'Needs approval',
} as const satisfies Record<`outcome.${LimitDecision['outcome']}`, string>;

const privacy = {
  'privacy.hkid':
    'This looks like an HKID number. Record only the account or ticket number, not personal data.',
  'privacy.phone': 'This looks like a phone number. Leave out personal data you do not need.',
  'privacy.email': 'This looks like an e-mail address. Leave out personal data you do not need.',
} as const satisfies Record<`privacy.${PersonalDataKind}`, string>;

const syncStatus = {
  'syncStatus.idle': 'Up to date',
  'syncStatus.syncing': 'Syncing…',
  'syncStatus.offline': 'Offline',
  'syncStatus.needs_sign_in': 'Sign in again to sync',
  'syncStatus.error': 'Sync problem',
} as const satisfies Record<`syncStatus.${SyncStatusCode}`, string>;

const shell = {
  'app.name': 'Frontline Playbook',
  'app.loading': 'Loading…',
  'a11y.skipToContent': 'Skip to content',
  'a11y.mainNav': 'Main',
  'a11y.status': 'Status',
  'nav.home': 'Home',
  'nav.plan': 'Plan',
  'nav.record': 'Record',
  'nav.records': 'My records',
  'nav.approvals': 'Approvals',
  'nav.dashboard': 'Dashboard',
  'nav.more': 'More',
  'status.online': 'Online',
  'status.offline': 'Offline',
  'status.syncing': 'Syncing',
  'status.pending': 'Waiting to sync: {count}',
  'status.allSent': 'All sent',
  'status.needsAttention': 'Need attention: {count}',
  'status.lastSync': 'Last sync {when}',
  'status.neverSynced': 'Not synced yet',
  'status.limitsCurrent': 'Limits current',
  'status.limitsStale': 'Limits out of date',
  'status.planCurrent': 'Plan current',
  'status.planNew': 'New plan to read',
  'status.notSignedIn': 'Not signed in',
  'status.signedInAs': '{name} · {role}',
  'sync.progress': 'Sending {done} of {total}',
  'sync.progressLabel': 'Sync progress',
  'update.ready': 'A new version is ready',
  'update.readyDetail': 'Reload when it suits you. Anything you have typed is kept.',
  'update.reload': 'Reload',
  'update.later': 'Later',
  'update.offlineReady': 'The app is ready to work offline.',
  'lang.label': 'Language',
  'lang.en': 'English',
  'lang.zhHK': '繁體中文',
  'lang.short.en': 'EN',
  'lang.short.zhHK': '繁',
  'action.save': 'Save',
  'action.send': 'Send',
  'action.cancel': 'Cancel',
  'action.retry': 'Try again',
  'action.dismiss': 'Dismiss',
  'action.back': 'Back',
  'action.syncNow': 'Sync now',
  'action.signIn': 'Sign in',
  'action.signOut': 'Sign out',
  'field.required': 'required',
  'field.optional': 'optional',
  'field.error': 'Error: {message}',
  'time.justNow': 'just now',
  'error.unknown': 'Something went wrong. Try again.',
  'notFound.title': 'Page not found',
  'notFound.body': 'This page does not exist in the app.',
  'notFound.home': 'Go to Home',
  'soon.title': 'Coming soon',
  'soon.body': 'This part of the app is being built. Everything you record is kept.',
} as const;

const home = {
  'home.title': 'Today',
  'home.greeting': 'Your playbook, even with no signal',
  'home.intro':
    'The plan, the tactics for each risk and your compensation limits, on this phone and offline.',
  'home.offlineReady': 'Works offline',
  'home.offlineReadyDetail': 'Once opened, the app keeps working with no connection.',
  'home.signInSoon': 'Sign-in and your plan arrive in the next update.',
  'home.tryLimit': 'Try the limit check',
  'home.amountLabel': 'Amount (HK$)',
  'home.amountHint': 'Example limit: HK$200 per case, HK$500 per day, HK$350 already given today.',
  'kit.title': 'Component kit',
  'kit.intro': 'Every building block of the screens, with sample data.',
  'kit.buttons': 'Buttons',
  'kit.fields': 'Fields',
  'kit.banners': 'Banners',
  'kit.badges': 'Badges',
  'kit.progress': 'Sync progress',
  'kit.limits': 'Limit decisions',
  'kit.empty': 'Empty state',
  'kit.sampleText': 'Customer reference',
  'kit.sampleHint': 'Account or ticket number, e.g. ACC-23456789.',
  'kit.sampleSelect': 'Compensation type',
  'kit.sampleTextarea': 'What happened',
  'kit.choose': 'Choose…',
  'kit.emptyTitle': 'Nothing recorded yet',
  'kit.emptyBody': 'Incidents and recoveries you record appear here, even offline.',
} as const;

export const en = {
  ...shell,
  ...home,
  ...errors,
  ...limitReasons,
  ...limitPanel,
  ...amountProblems,
  ...roles,
  ...categories,
  ...compensation,
  ...statuses,
  ...competitorActions,
  ...scales,
  ...bands,
  ...audiences,
  ...periods,
  ...outcomes,
  ...privacy,
  ...syncStatus,
} as const;
