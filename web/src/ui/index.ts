// The component kit: props in, markup out. No component reads a store, the database or the
// network; screens (src/screens) do that and pass plain values down.
export { AppBar, AppLayout, PageHeader, type AppLayoutProps } from './components/layout.tsx';
export { Badge, type BadgeProps } from './components/badge.tsx';
export { Banner, type BannerProps } from './components/banner.tsx';
export { Button, LinkButton, type ButtonProps, type ButtonVariant } from './components/button.tsx';
export { Card, List, ListItem } from './components/card.tsx';
export { CheckboxGroupField, ChoiceField, type ChoiceOption } from './components/choice-field.tsx';
export { DetailList, type DetailItem } from './components/detail-list.tsx';
export { EmptyState } from './components/empty-state.tsx';
export { FieldShell, type FieldText } from './components/field.tsx';
export { Icon, type IconName } from './components/icon.tsx';
export { LanguageSwitch, type LanguageOption } from './components/language-switch.tsx';
export { LimitDecisionPanel } from './components/limit-decision-panel.tsx';
export { describeLimitDecision } from './components/limit-decision-text.ts';
export { ProgressBar } from './components/progress-bar.tsx';
export { SelectField, type SelectOption } from './components/select-field.tsx';
export { Skeleton } from './components/skeleton.tsx';
export { StatusBar, type StatusBarProps } from './components/status-bar.tsx';
export { TabBar, type TabItem } from './components/tab-bar.tsx';
export { TacticCard, type TacticCardProps } from './components/tactic-card.tsx';
export { NumberField, TextareaField, TextField } from './components/text-fields.tsx';
export type { Tone } from './components/tone.ts';
export { UsageBar } from './components/usage-bar.tsx';
