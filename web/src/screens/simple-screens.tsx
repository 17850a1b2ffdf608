import { hrefTo } from '../shell/router.ts';
import { useAppState } from '../shell/app-state.ts';
import { EmptyState, LinkButton, PageHeader } from '../ui/index.ts';

export function NotFoundScreen() {
  const { t } = useAppState().i18n.value;
  return (
    <div class="stack">
      <PageHeader title={t('notFound.title')} />
      <EmptyState
        icon="alert"
        title={t('notFound.body')}
        action={<LinkButton href={hrefTo('/')}>{t('notFound.home')}</LinkButton>}
      />
    </div>
  );
}
