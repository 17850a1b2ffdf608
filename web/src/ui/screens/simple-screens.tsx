import { hrefTo } from '../../shell/router.ts';
import { useAppState } from '../../shell/app-state.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { EmptyState, LinkButton, PageHeader } from '../index.ts';

export interface ComingSoonScreenProps {
  readonly titleKey: MessageKey & `nav.${string}`;
}

/** A tab whose screen is not built yet. */
export function ComingSoonScreen({ titleKey }: ComingSoonScreenProps) {
  const { t } = useAppState().i18n.value;
  return (
    <div class="stack">
      <PageHeader title={t(titleKey)} />
      <EmptyState icon="plan" title={t('soon.title')} body={t('soon.body')} />
    </div>
  );
}

export function NotFoundScreen() {
  const { t } = useAppState().i18n.value;
  return (
    <EmptyState
      icon="alert"
      title={t('notFound.title')}
      body={t('notFound.body')}
      action={<LinkButton href={hrefTo('/')}>{t('notFound.home')}</LinkButton>}
    />
  );
}
