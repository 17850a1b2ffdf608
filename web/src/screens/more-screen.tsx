import { useState } from 'preact/hooks';
import { canApprove, canWrite } from '../../../shared/index.ts';
import type { AppStores } from '../stores/app-stores.ts';
import type { SessionView } from '../stores/session-store.ts';
import { useAppState } from '../shell/app-state.ts';
import { hrefTo } from '../shell/router.ts';
import {
  Badge,
  Banner,
  Button,
  Card,
  DetailList,
  Icon,
  LinkButton,
  List,
  ListItem,
} from '../ui/index.ts';
import { codeName, useReferenceLists } from './common/reference.ts';
import { ScreenFrame } from './common/screen-frame.tsx';
import { errorCodeOf, errorDetailsOf } from './common/use-stores.ts';

/** My limits, my records, feedback, competitor actions, who I am, and signing out. */
export function MoreScreen() {
  const { t } = useAppState().i18n.value;
  return (
    <ScreenFrame title={t('more.title')}>
      {({ stores, session }) => <MoreBody stores={stores} session={session} />}
    </ScreenFrame>
  );
}

function MoreBody({ stores, session }: { stores: AppStores; session: SessionView }) {
  const state = useAppState();
  const i18n = state.i18n.value;
  const { t } = i18n;
  const lists = useReferenceLists(stores.reference);
  const rejected = state.sync.value?.rejectedCount ?? 0;
  const { user } = session;
  const mayRecord = canWrite(user.role);
  return (
    <>
      <List label={t('more.title')}>
        <ListItem
          start={<Icon name="limits" />}
          title={t('limits.title')}
          detail={t('more.limitsDetail')}
          href={hrefTo('/limits')}
        />
        {canApprove(user.role) ? (
          // An approver's tab bar has the inbox where Tactics would be.
          <ListItem
            start={<Icon name="tactics" />}
            title={t('tactics.title')}
            detail={t('more.tacticsDetail')}
            href={hrefTo('/tactics')}
          />
        ) : null}
        <ListItem
          start={<Icon name="records" />}
          title={t('records.title')}
          detail={t('more.recordsDetail')}
          href={hrefTo('/records')}
          end={
            rejected > 0 ? (
              <Badge tone="danger">{t('status.needsAttention', { count: rejected })}</Badge>
            ) : null
          }
        />
        {mayRecord ? (
          <>
            <ListItem
              start={<Icon name="feedback" />}
              title={t('record.feedbackTitle')}
              detail={t('record.feedbackDetail')}
              href={hrefTo('/record/feedback')}
            />
            <ListItem
              start={<Icon name="competitor" />}
              title={t('record.competitorTitle')}
              detail={t('record.competitorDetail')}
              href={hrefTo('/record/competitor')}
            />
          </>
        ) : null}
      </List>
      <Card title={t('more.account')}>
        <DetailList
          items={[
            { term: t('more.name'), detail: user.displayName },
            { term: t('more.username'), detail: user.username },
            { term: t('more.role'), detail: t(`role.${user.role}`) },
            {
              term: t('more.regions'),
              detail:
                user.regions.length === 0
                  ? t('more.allRegions')
                  : user.regions
                      .map((r) => codeName(lists, 'region', r, i18n.lang, t))
                      .join(t('list.separator')),
            },
            { term: t('more.sessionEnds'), detail: i18n.when(session.expiresAt) },
          ]}
        />
      </Card>
      <SignOut stores={stores} />
    </>
  );
}

function SignOut({ stores }: { stores: AppStores }) {
  const state = useAppState();
  const i18n = state.i18n.value;
  const { t } = i18n;
  const [isBusy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<{
    code: string;
    pending: number;
    rejected: number;
  } | null>(null);

  async function signOut() {
    setBusy(true);
    setRefusal(null);
    try {
      await stores.session.signOut();
      state.navigate('/');
    } catch (err) {
      const details = errorDetailsOf(err);
      setRefusal({
        code: errorCodeOf(err),
        pending: Number(details.pending ?? 0),
        rejected: Number(details.rejected ?? 0),
      });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title={t('more.signOutTitle')}>
      <div class="stack stack--tight">
        <p class="muted">{t('more.signOutIntro')}</p>
        {refusal ? (
          <Banner
            tone="danger"
            role="alert"
            title={
              refusal.code === 'unsynced_records' ? t('more.cannotSignOut') : t('form.notSaved')
            }
            actions={
              refusal.code === 'unsynced_records' ? (
                <>
                  {refusal.pending > 0 ? (
                    <Button variant="secondary" onClick={() => void stores.sync.syncNow()}>
                      {t('action.syncNow')}
                    </Button>
                  ) : null}
                  {refusal.rejected > 0 ? (
                    <LinkButton variant="secondary" href={hrefTo('/records')}>
                      {t('records.title')}
                    </LinkButton>
                  ) : null}
                </>
              ) : null
            }
          >
            <p>{i18n.errorMessage(refusal.code)}</p>
            {refusal.code === 'unsynced_records' ? (
              <ul>
                {refusal.pending > 0 ? (
                  <li>{t('status.pending', { count: refusal.pending })}</li>
                ) : null}
                {refusal.rejected > 0 ? (
                  <li>{t('status.needsAttention', { count: refusal.rejected })}</li>
                ) : null}
              </ul>
            ) : null}
          </Banner>
        ) : null}
        <Button variant="danger" onClick={() => void signOut()} isBusy={isBusy}>
          <Icon name="signOut" />
          {t('action.signOut')}
        </Button>
      </div>
    </Card>
  );
}
