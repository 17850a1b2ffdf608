import { canWrite } from '../../../../shared/index.ts';
import { useAppState } from '../../shell/app-state.ts';
import { hrefTo } from '../../shell/router.ts';
import { EmptyState, Icon, List, ListItem } from '../../ui/index.ts';
import { ScreenFrame } from '../common/screen-frame.tsx';

/** What can be recorded, each one tap away; everything is saved on the phone first. */
export function RecordMenuScreen() {
  const { t } = useAppState().i18n.value;
  return (
    <ScreenFrame title={t('record.title')} intro={t('record.intro')}>
      {({ session }) =>
        canWrite(session.user.role) ? (
          <List label={t('record.title')}>
            <ListItem
              start={<Icon name="incident" />}
              title={t('record.incidentTitle')}
              detail={t('record.incidentDetail')}
              href={hrefTo('/record/incident')}
            />
            <ListItem
              start={<Icon name="recovery" />}
              title={t('record.recoveryTitle')}
              detail={t('record.recoveryDetail')}
              href={hrefTo('/record/recovery')}
            />
            <ListItem
              start={<Icon name="competitor" />}
              title={t('record.competitorTitle')}
              detail={t('record.competitorDetail')}
              href={hrefTo('/record/competitor')}
            />
            <ListItem
              start={<Icon name="feedback" />}
              title={t('record.feedbackTitle')}
              detail={t('record.feedbackDetail')}
              href={hrefTo('/record/feedback')}
            />
          </List>
        ) : (
          <EmptyState icon="info" title={t('record.readOnly')} body={t('record.readOnlyBody')} />
        )
      }
    </ScreenFrame>
  );
}
