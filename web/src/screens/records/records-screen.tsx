import { useState } from 'preact/hooks';
import type { AppStores } from '../../stores/app-stores.ts';
import type { MyRecord } from '../../stores/my-records.ts';
import { useAppState } from '../../shell/app-state.ts';
import { hrefTo } from '../../shell/router.ts';
import { Button, ChoiceField, EmptyState, LinkButton, List } from '../../ui/index.ts';
import { ScreenFrame } from '../common/screen-frame.tsx';
import { useLive } from '../common/use-stores.ts';
import { RecordRow } from './record-row.tsx';

const FILTERS = ['all', 'needs_attention', 'saved_on_device'] as const;
type Filter = (typeof FILTERS)[number];

const matches = (filter: Filter, r: MyRecord) => filter === 'all' || r.syncState === filter;

/** Everything I recorded, newest first, each saved on this phone, synced, or needing attention. */
export function RecordsScreen() {
  const { t } = useAppState().i18n.value;
  return (
    <ScreenFrame
      title={t('records.title')}
      intro={t('records.intro')}
      back={{ href: hrefTo('/more'), label: t('nav.more') }}
    >
      {({ stores }) => <RecordsBody stores={stores} />}
    </ScreenFrame>
  );
}

function RecordsBody({ stores }: { stores: AppStores }) {
  const state = useAppState();
  const i18n = state.i18n.value;
  const { t } = i18n;
  const records = useLive(() => stores.records.mine, [stores], null);
  const [filter, setFilter] = useState<Filter>('all');
  if (records === null) return null;
  const count = (f: Filter) => records.filter((r) => matches(f, r)).length;
  const shown = records.filter((r) => matches(filter, r));
  const plan = state.plan.value ?? null;
  const sync = state.sync.value;
  return (
    <>
      {records.length === 0 ? (
        <EmptyState
          title={t('records.none')}
          body={t('records.noneBody')}
          action={<LinkButton href={hrefTo('/record')}>{t('record.title')}</LinkButton>}
        />
      ) : (
        <>
          <ChoiceField
            legend={t('records.show')}
            options={FILTERS.map((f) => ({
              value: f,
              label: t(`records.filter.${f}`, { count: count(f) }),
            }))}
            value={filter}
            onValue={setFilter}
            isSegmented
          />
          {filter === 'saved_on_device' && shown.length > 0 && !sync?.pausedFor ? (
            <Button
              variant="secondary"
              onClick={() => void stores.sync.syncNow()}
              isBusy={sync?.status === 'syncing'}
            >
              {t('action.syncNow')}
            </Button>
          ) : null}
          {shown.length === 0 ? (
            <p class="muted" role="status">
              {t('records.noneHere')}
            </p>
          ) : (
            <List label={t('records.title')}>
              {shown.map((r) => (
                <RecordRow key={r.id} record={r} i18n={i18n} plan={plan} />
              ))}
            </List>
          )}
        </>
      )}
    </>
  );
}
