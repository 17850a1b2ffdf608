import type { ReferenceItem, ReferenceKind, ScopePattern } from '../../../../shared/index.ts';
import type { Lang, Translate } from '../../i18n/index.ts';
import type { ReferenceStore } from '../../stores/reference-store.ts';
import { useLive } from './use-stores.ts';

export type ReferenceLists = Readonly<Record<ReferenceKind, readonly ReferenceItem[]>>;

export const NO_LISTS: ReferenceLists = { product: [], segment: [], region: [] };

/** The name of a scope list entry in the app's language. */
export function nameOf(item: ReferenceItem, lang: Lang): string {
  return lang === 'zh-HK' ? item.name.zhHK : item.name.en;
}

/** The name of a code of a list, `*` as "Any …", an unknown code as itself. */
export function codeName(
  lists: ReferenceLists,
  kind: ReferenceKind,
  code: string,
  lang: Lang,
  t: Translate,
): string {
  if (code === '*') return t(`scope.any.${kind}`);
  const item = lists[kind].find((i) => i.code === code);
  return item ? nameOf(item, lang) : code;
}

/** "Broadband · Consumer · Kowloon East"; "Everywhere" when every dimension is `*`. */
export function scopeLabel(
  lists: ReferenceLists,
  scope: ScopePattern,
  lang: Lang,
  t: Translate,
): string {
  if (scope.product === '*' && scope.segment === '*' && scope.region === '*')
    return t('scope.everywhere');
  return (['product', 'segment', 'region'] as const)
    .map((kind) => codeName(lists, kind, scope[kind], lang, t))
    .join(' · ');
}

/** The three scope lists, live. */
export function useReferenceLists(reference: ReferenceStore | null): ReferenceLists {
  const product = useLive(() => reference?.list('product') ?? null, [reference], []);
  const segment = useLive(() => reference?.list('segment') ?? null, [reference], []);
  const region = useLive(() => reference?.list('region') ?? null, [reference], []);
  return { product, segment, region };
}
