import { COMPENSATION_TYPES } from '../../../../shared/index.ts';
import { useAppState } from '../../shell/app-state.ts';
import { SelectField } from '../../ui/index.ts';

/** "Compensation type": every type, in words. Required on a new record (chosen from a blank). */
export function CompensationTypeField({
  value,
  onValue,
  error,
  isRequired = false,
}: {
  readonly value: string;
  readonly onValue: (value: string) => void;
  readonly error: string | null;
  readonly isRequired?: boolean;
}) {
  const { t } = useAppState().i18n.value;
  return (
    <SelectField
      label={t('recovery.type')}
      options={COMPENSATION_TYPES.map((c) => ({ value: c, label: t(`compensation.${c}`) }))}
      value={value}
      onValue={onValue}
      error={error}
      {...(isRequired
        ? { placeholder: t('field.choose'), isRequired: true, requiredMarker: t('field.required') }
        : {})}
    />
  );
}
