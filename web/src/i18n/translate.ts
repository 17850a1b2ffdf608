import { en } from './en.ts';
import type { Catalogue, Lang, MessageKey, Translate } from './messages.ts';
import { zhHK } from './zh-hk.ts';

export const CATALOGUES: Readonly<Record<Lang, Catalogue>> = { en, 'zh-HK': zhHK };

/**
 * Fills `{name}` placeholders. No plural rules and no markup: messages are written to read well
 * with any number, and a missing parameter stays visible as `{name}` rather than breaking.
 */
export function interpolate(
  template: string,
  params: Readonly<Record<string, string | number>> | undefined,
): string {
  if (params === undefined) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

export function createTranslate(lang: Lang): Translate {
  const catalogue = CATALOGUES[lang];
  return ((key: MessageKey, params?: Readonly<Record<string, string | number>>) =>
    interpolate(catalogue[key] ?? en[key], params)) as Translate;
}
