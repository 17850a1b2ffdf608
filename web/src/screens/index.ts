// Every screen, in one chunk loaded right after the first paint (app.tsx). The screens read
// shared/'s lists and rules, which carry zod's schemas: kept out of the first chunk, they cost
// the first paint nothing, and the service worker precaches this chunk for offline starts.
export { canWrite as mayRecord } from '../../../shared/index.ts';
export { InboxScreen } from './approvals/inbox-screen.tsx';
export { PhoneCodeScreen } from './approvals/phone-code-screen.tsx';
export { HomeScreen } from './home-screen.tsx';
export { LimitsScreen } from './limits-screen.tsx';
export { MoreScreen } from './more-screen.tsx';
export { PlanScreen } from './plan/plan-screen.tsx';
export { CompetitorScreen } from './record/competitor-screen.tsx';
export { FeedbackScreen } from './record/feedback-screen.tsx';
export { IncidentScreen } from './record/incident-screen.tsx';
export { RecordMenuScreen } from './record/record-menu-screen.tsx';
export { RecoveryScreen } from './record/recovery-screen.tsx';
export { RecordDetailScreen } from './records/record-detail-screen.tsx';
export { RecordsScreen } from './records/records-screen.tsx';
export { SignInScreen } from './sign-in-screen.tsx';
export { NotFoundScreen } from './simple-screens.tsx';
export { TacticsScreen } from './tactics-screen.tsx';
export { KitRoute } from './kit-route.tsx';
