export { createI18n, explainReason, LOCALE_OF, type I18n } from './i18n.ts';
export { LANGS, type Lang, type MessageKey, type Translate } from './messages.ts';
export { preferredLang } from './preferred-lang.ts';
