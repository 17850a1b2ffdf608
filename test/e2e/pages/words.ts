import type { Lang, Translate } from '../../../web/src/i18n/index.ts';
import { createTranslate } from '../../../web/src/i18n/translate.ts';

/**
 * The app's own message catalogue: page objects find elements by the words a user reads, in
 * either language, so a rewording in the catalogue moves the tests with it.
 */
export function wordsFor(lang: Lang): Translate {
  return createTranslate(lang);
}

export type { Lang, Translate };
