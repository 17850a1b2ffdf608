import type { AppStores } from '../stores/app-stores.ts';
import type { MyLimitRule } from '../stores/limits-store.ts';
import { useAppState } from '../shell/app-state.ts';
import { hrefTo } from '../shell/router.ts';
import { Banner, Button, Card, DetailList, EmptyState, UsageBar } from '../ui/index.ts';
import { ScreenFrame } from './common/screen-frame.tsx';
import { scopeLabel, useReferenceLists, type ReferenceLists } from './common/reference.ts';

/** What I may give per case and per period, in my scopes, and how much of each period I used. */
export function LimitsScreen() {
  const { t } = useAppState().i18n.value;
  return (
    <ScreenFrame
      title={t('limits.title')}
      intro={t('limits.intro')}
      back={{ href: hrefTo('/more'), label: t('nav.more') }}
    >
      {({ stores }) => <LimitsBody stores={stores} />}
    </ScreenFrame>
  );
}

function LimitsBody({ stores }: { stores: AppStores }) {
  const state = useAppState();
  const i18n = state.i18n.value;
  const { t } = i18n;
  const lists = useReferenceLists(stores.reference);
  const mine = state.myLimits.value;
  if (!mine) return null;
  const nowMs = state.nowMs.value;
  const isStale =
    mine.limitsCheckedAt === null || nowMs - mine.limitsCheckedAt > mine.maxLimitsAgeMs;
  return (
    <>
      <p class="meta-line">
        {mine.version !== null ? (
          <span>{t('limits.version', { version: mine.version })}</span>
        ) : null}
        <span>
          {mine.limitsCheckedAt === null
            ? t('limits.neverChecked')
            : t('limits.checked', { when: i18n.relative(mine.limitsCheckedAt, nowMs) })}
        </span>
      </p>
      {isStale ? (
        <Banner
          tone="warning"
          title={t('status.limitsStale')}
          actions={
            <Button variant="secondary" onClick={() => void stores.sync.syncNow()}>
              {t('action.syncNow')}
            </Button>
          }
        >
          <p>
            {mine.limitsCheckedAt === null
              ? t('limit.explain.limits_never')
              : t('limits.staleDetail', { max: i18n.duration(mine.maxLimitsAgeMs) })}
          </p>
        </Banner>
      ) : null}
      {mine.rules.length === 0 ? (
        <EmptyState icon="limits" title={t('limits.none')} body={t('limits.noneBody')} />
      ) : (
        mine.rules.map((r) => <LimitCard key={r.rule.id} item={r} lists={lists} />)
      )}
      <p class="muted">{t('limits.noRuleNote')}</p>
    </>
  );
}

function LimitCard({ item, lists }: { item: MyLimitRule; lists: ReferenceLists }) {
  const i18n = useAppState().i18n.value;
  const { t } = i18n;
  const { rule, used, remaining } = item;
  const money = (minor: number) => i18n.money(minor, rule.currency);
  return (
    <Card
      level={2}
      title={
        rule.compensationType === '*'
          ? t('limits.anyCompensation')
          : t(`compensation.${rule.compensationType}`)
      }
    >
      <p class="muted limit-scope">{scopeLabel(lists, rule, i18n.lang, t)}</p>
      <DetailList
        isInline
        items={[
          { term: t('limits.perCase'), detail: money(rule.maxPerCase) },
          {
            term: t(`limits.perPeriod.${rule.period}`),
            detail: money(rule.maxPerPeriod),
          },
        ]}
      />
      <UsageBar
        used={used}
        max={rule.maxPerPeriod}
        text={t(`limits.used.${rule.period}`, {
          used: money(used),
          limit: money(rule.maxPerPeriod),
          left: money(remaining),
        })}
      />
    </Card>
  );
}
