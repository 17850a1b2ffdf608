import type { Currency, NeedsApprovalReason } from '../../../shared/index.ts';
import { formatInstant, type DateStyle, type InstantLike } from '../format/date-time.ts';
import type { AppLocale } from '../format/locale.ts';
import { formatMoney } from '../format/money.ts';
import { formatDuration, formatRelative } from '../format/relative.ts';
import type { Lang, MessageKey, Translate } from './messages.ts';
import { CATALOGUES, createTranslate } from './translate.ts';

export const LOCALE_OF: Readonly<Record<Lang, AppLocale>> = { en: 'en-HK', 'zh-HK': 'zh-HK' };

/** Everything a screen needs to put words, money and times on screen in one language. */
export interface I18n {
  readonly lang: Lang;
  /** BCP 47 locale for Intl and `<html lang>`. */
  readonly locale: AppLocale;
  readonly t: Translate;
  /** Integer minor units, e.g. 1250 → "HK$12.50". */
  money(minor: number, currency?: Currency): string;
  /** A UTC instant in Hong Kong time. */
  when(at: InstantLike, style?: DateStyle): string;
  /** A calendar date as stored (`2026-03-19`, a Hong Kong date), e.g. "19 Mar 2026". */
  day(date: string): string;
  /** "5 min ago". */
  relative(at: InstantLike, nowMs: number): string;
  /** "26 hours". */
  duration(ms: number): string;
  /** The one place an error code becomes words (style.md, habit 2). Unknown codes get a fallback. */
  errorMessage(code: string): string;
}

export function createI18n(lang: Lang): I18n {
  const locale = LOCALE_OF[lang];
  const t = createTranslate(lang);
  return {
    lang,
    locale,
    t,
    money: (minor, currency) => formatMoney(minor, locale, currency),
    when: (at, style) => formatInstant(at, locale, style),
    day: (date) => formatInstant(`${date}T12:00:00+08:00`, locale, 'date'),
    relative: (at, nowMs) => formatRelative(at, nowMs, locale),
    duration: (ms) => formatDuration(ms, locale),
    errorMessage(code) {
      const key = `error.${code}`;
      // A code newer than this app version (the server was updated first) still gets words.
      return Object.hasOwn(CATALOGUES[lang], key)
        ? t(key as MessageKey & `error.${string}`)
        : t('error.unknown');
    },
  };
}

/** Ages past this are "never downloaded" (the stores report MAX_SAFE_INTEGER for that). */
const NEVER_MS = 10 * 365 * 86_400_000;

/** One sentence per reason, with the amounts: what the limit decision panel lists. */
export function explainReason(i18n: I18n, reason: NeedsApprovalReason): string {
  const { t, money } = i18n;
  switch (reason.code) {
    case 'no_rule':
      return t('limit.explain.no_rule');
    case 'limits_stale':
      return reason.ageMs >= NEVER_MS
        ? t('limit.explain.limits_never')
        : t('limit.explain.limits_stale', {
            age: i18n.duration(reason.ageMs),
            max: i18n.duration(reason.maxAgeMs),
          });
    case 'over_per_case':
      return t('limit.explain.over_per_case', {
        amount: money(reason.amount),
        limit: money(reason.limit),
        excess: money(reason.excess),
      });
    case 'over_period':
      return t(`limit.explain.over_period.${reason.period}`, {
        used: money(reason.used),
        amount: money(reason.amount),
        limit: money(reason.limit),
        excess: money(reason.excess),
      });
  }
}
