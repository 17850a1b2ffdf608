import type { en } from './en.ts';

/** The languages of the app. `zh-HK` is Traditional Chinese as written in Hong Kong. */
export const LANGS = ['en', 'zh-HK'] as const;
export type Lang = (typeof LANGS)[number];

export type MessageKey = keyof typeof en;

/** A catalogue: a string for every key of the English one, no more, no less. */
export type Catalogue = { readonly [K in MessageKey]: string };

/** The `{placeholder}` names in a message literal. */
type PlaceholdersIn<S extends string> = S extends `${string}{${infer Name}}${infer Rest}`
  ? Name | PlaceholdersIn<Rest>
  : never;

/** The parameters a message takes, read from its English text at compile time. */
export type ParamsOf<K extends MessageKey> = PlaceholdersIn<(typeof en)[K]>;

export type MessageParams<K extends MessageKey> = Readonly<Record<ParamsOf<K>, string | number>>;

/**
 * `t('status.pending', { count: 3 })`. A message with placeholders requires its parameters; one
 * without takes none, so a typo in either the key or a parameter name does not compile.
 */
export type Translate = <K extends MessageKey>(
  key: K,
  ...params: [ParamsOf<K>] extends [never] ? [] : [MessageParams<K>]
) => string;
