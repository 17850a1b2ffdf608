import type { PlanVersion } from '../../../../shared/index.ts';
import type { I18n } from '../../i18n/index.ts';
import type { MyRecord } from '../../stores/my-records.ts';
import { hrefTo } from '../../shell/router.ts';
import { Badge, ListItem } from '../../ui/index.ts';
import { fieldLabel } from './field-label.ts';
import { summarise } from './record-summary.ts';

/** Why the server refused a record, short: the field to fix when it named one. */
function refusal(rejection: NonNullable<MyRecord['rejection']>, i18n: I18n): string {
  const field = fieldLabel(rejection.field, i18n.t);
  return field ? i18n.t('records.fixField', { field }) : i18n.errorMessage(rejection.code);
}

/**
 * One of my records in a list: what it is, its gist (or the server's reason when refused), and
 * where it stands, in words on badges under the title so the title keeps the row's width.
 */
export function RecordRow({
  record,
  i18n,
  plan,
}: {
  readonly record: MyRecord;
  readonly i18n: I18n;
  readonly plan: PlanVersion | null;
}) {
  const s = summarise(record, i18n, plan);
  return (
    <ListItem
      title={s.title}
      href={hrefTo(`/records/${record.id}`)}
      detail={
        <>
          {record.rejection ? refusal(record.rejection, i18n) : s.detail}
          <span class="badges-row">
            <Badge tone={s.sync.tone} hasDot={record.syncState !== 'synced'}>
              {s.sync.text}
            </Badge>
            {s.status ? <Badge tone={s.status.tone}>{s.status.text}</Badge> : null}
          </span>
        </>
      }
    />
  );
}
