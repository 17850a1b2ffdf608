import type { ReferenceKind } from '../../../../shared/index.ts';
import { useAppState } from '../../shell/app-state.ts';
import { SelectField } from '../../ui/index.ts';
import { nameOf, type ReferenceLists } from './reference.ts';

export interface ScopeValue {
  readonly product: string;
  readonly segment: string;
  readonly region: string;
}

export interface ScopeFieldsProps {
  readonly lists: ReferenceLists;
  readonly value: ScopeValue;
  readonly onChange: (patch: Partial<ScopeValue>) => void;
  readonly errors?: Partial<Record<ReferenceKind, string | null>>;
  /** The regions the user works in; others are left out (the server would refuse them). */
  readonly regions?: readonly string[];
  readonly isRequired?: boolean;
}

const KINDS = ['product', 'segment', 'region'] as const;

/** Product, segment and region: the scope that tactics and limits are keyed by. */
export function ScopeFields({
  lists,
  value,
  onChange,
  errors,
  regions,
  isRequired,
}: ScopeFieldsProps) {
  const { lang, t } = useAppState().i18n.value;
  return (
    <div class="scope-fields">
      {KINDS.map((kind) => {
        const items =
          kind === 'region' && regions && regions.length > 0
            ? lists.region.filter((r) => regions.includes(r.code))
            : lists[kind];
        return (
          <SelectField
            key={kind}
            label={t(`scope.${kind}`)}
            options={items.map((i) => ({ value: i.code, label: nameOf(i, lang) }))}
            value={value[kind]}
            onValue={(code) => onChange({ [kind]: code })}
            placeholder={t('field.choose')}
            isRequired={isRequired}
            requiredMarker={t('field.required')}
            error={errors?.[kind] ?? null}
          />
        );
      })}
    </div>
  );
}
