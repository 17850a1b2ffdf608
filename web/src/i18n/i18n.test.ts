import { describe, expect, it } from 'vitest';
import {
  APPROVAL_STATES,
  COMPENSATION_TYPES,
  ERROR_CODES,
  INCIDENT_STATUSES,
  RECOVERY_STATUSES,
  RISK_CATEGORIES,
  ROLES,
  TASK_STATUSES,
  type NeedsApprovalReason,
} from '../../../shared/index.ts';
import { AMOUNT_PROBLEMS } from '../format/parse-amount.ts';
import { STORE_ERROR_CODES } from '../stores/store-error.ts';
import { TRANSPORT_FAILURES } from '../sync/api-error.ts';
import { en } from './en.ts';
import { createI18n, explainReason } from './i18n.ts';
import { preferredLang } from './preferred-lang.ts';
import { CATALOGUES, interpolate } from './translate.ts';
import { zhHK } from './zh-hk.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the two catalogues', () => {
  it('have exactly the same keys', () => {
    expect(Object.keys(zhHK).sort()).toEqual(Object.keys(en).sort());
  });

  it('use the same placeholders in every message', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect({ key, params: placeholders(zhHK[key]) }).toEqual({
        key,
        params: placeholders(en[key]),
      });
    }
  });

  it('have no empty message and no English left in the Chinese one', () => {
    // Names of languages are the same in both on purpose; "{name} · {role}" has no words.
    const same = new Set(['lang.en', 'lang.zhHK', 'lang.short.en', 'lang.short.zhHK']);
    for (const [lang, catalogue] of Object.entries(CATALOGUES)) {
      for (const [key, text] of Object.entries(catalogue)) {
        expect({ lang, key, isEmpty: text.trim() === '' }).toEqual({ lang, key, isEmpty: false });
      }
    }
    for (const [key, text] of Object.entries(zhHK)) {
      const words = text.replace(/\{\w+\}/g, '');
      if (same.has(key) || !/[A-Za-z]/.test(words)) continue;
      expect({ key, hasChinese: /\p{Script=Han}/u.test(text) }).toEqual({ key, hasChinese: true });
    }
  });
});

describe('every code has words in both languages', () => {
  const cases: [string, readonly string[]][] = [
    ['error', Object.values(ERROR_CODES)],
    ['error', Object.values(TRANSPORT_FAILURES)],
    ['error', Object.values(STORE_ERROR_CODES)],
    ['reason', ['no_rule', 'limits_stale', 'over_per_case', 'over_period']],
    ['category', RISK_CATEGORIES],
    ['compensation', COMPENSATION_TYPES],
    ['incidentStatus', INCIDENT_STATUSES],
    ['recoveryStatus', RECOVERY_STATUSES],
    ['approvalState', APPROVAL_STATES],
    ['taskStatus', TASK_STATUSES],
    ['role', ROLES],
    ['amount', AMOUNT_PROBLEMS],
  ];
  it.each(cases)('%s.* for every code', (prefix, codes) => {
    for (const code of codes) {
      for (const catalogue of Object.values(CATALOGUES)) {
        expect(catalogue).toHaveProperty([`${prefix}.${code}`]);
      }
    }
  });

  it('turns every server error code into a sentence, and an unknown one into a fallback', () => {
    const zh = createI18n('zh-HK');
    expect(zh.errorMessage('bad_credentials')).toBe('用戶名稱或密碼不正確。');
    expect(createI18n('en').errorMessage('session_revoked')).toMatch(/Sign in again/);
    expect(zh.errorMessage('a_code_from_a_newer_server')).toBe(zhHK['error.unknown']);
    expect(zh.errorMessage('toString')).toBe(zhHK['error.unknown']);
  });
});

describe('t()', () => {
  it('fills placeholders and leaves a missing one visible', () => {
    const { t } = createI18n('en');
    expect(t('status.pending', { count: 3 })).toBe('Waiting to sync: 3');
    expect(createI18n('zh-HK').t('status.pending', { count: 3 })).toBe('待同步：3 項');
    expect(t('update.reload')).toBe('Reload');
    expect(interpolate('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });

  it('formats money and Hong Kong time in the chosen language', () => {
    expect(createI18n('zh-HK').money(125050)).toBe('HK$1,250.50');
    expect(createI18n('en').when('2026-03-18T23:30:00Z', 'date')).toBe('19 Mar 2026');
    expect(createI18n('zh-HK').when('2026-03-18T23:30:00Z', 'date')).toBe('2026年3月19日');
  });
});

describe('why compensation needs approval, in words', () => {
  const en1 = createI18n('en');
  const zh = createI18n('zh-HK');
  const reasons: NeedsApprovalReason[] = [
    { code: 'no_rule' },
    { code: 'limits_stale', ageMs: 30 * 3_600_000, maxAgeMs: 24 * 3_600_000 },
    { code: 'over_per_case', ruleId: 'r', limit: 20_000, amount: 25_000, excess: 5_000 },
    {
      code: 'over_period',
      ruleId: 'r',
      period: 'day',
      limit: 50_000,
      used: 35_000,
      amount: 20_000,
      excess: 5_000,
    },
  ];

  it('states each reason with its amounts', () => {
    expect(reasons.map((r) => explainReason(en1, r))).toEqual([
      'You have no limit for this type of compensation here, so any amount needs approval.',
      'The limits on this phone are 30 hours old (the most allowed is 24 hours). Sync to update them.',
      'HK$250.00 is HK$50.00 over your per-case limit of HK$200.00.',
      'With HK$350.00 already given today, HK$200.00 is HK$50.00 over your daily limit of HK$500.00.',
    ]);
    expect(explainReason(zh, reasons[3] as NeedsApprovalReason)).toBe(
      '今日已給予 HK$350.00，再給予 HK$200.00 會超出每日上限 HK$500.00，超出 HK$50.00。',
    );
  });

  it('says "never downloaded" rather than a silly age when the limits never arrived', () => {
    const never: NeedsApprovalReason = {
      code: 'limits_stale',
      ageMs: Number.MAX_SAFE_INTEGER,
      maxAgeMs: 86_400_000,
    };
    expect(explainReason(en1, never)).toBe(en['limit.explain.limits_never']);
  });
});

describe('the starting language', () => {
  it("keeps the user's choice, else follows the browser, else English", () => {
    expect(preferredLang('zh-HK', ['en-GB'])).toBe('zh-HK');
    expect(preferredLang('fr', ['zh-Hant-HK', 'en'])).toBe('zh-HK');
    expect(preferredLang(null, ['en-HK', 'zh-HK'])).toBe('en');
    expect(preferredLang(null, ['ja', 'zh-TW'])).toBe('zh-HK');
    expect(preferredLang(null, ['ja'])).toBe('en');
  });
});
