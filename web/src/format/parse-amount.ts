import { MAX_MINOR_UNITS } from '../../../shared/index.ts';

/** Why a typed amount was refused; the i18n catalogue has words for each (`amount.<reason>`). */
export const AMOUNT_PROBLEMS = [
  'empty',
  'invalid',
  'too_many_decimals',
  'negative',
  'too_large',
] as const;
export type AmountProblem = (typeof AMOUNT_PROBLEMS)[number];

export type ParsedAmount =
  | { readonly ok: true; readonly minor: number }
  | { readonly ok: false; readonly problem: AmountProblem };

// Digits with optional thousands separators, then an optional fraction: "1,234.50", "12", ".5".
const AMOUNT = /^(\d{1,3}(?:,\d{3})+|\d*)(?:\.(\d*))?$/;

/**
 * Full-width digits and punctuation come from Chinese keyboards ("１２．５"); read them as ASCII.
 * Spaces and a leading "HK$" / "$" are what people type when they copy an amount.
 */
function normalise(input: string): string {
  return input
    .replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 0x30))
    .replace(/\uFF0E|\u3002/g, '.')
    .replace(/\uFF0C/g, ',')
    .replace(/\uFF04/g, '$')
    .replace(/[\u2212\uFF0D]/g, '-')
    .replace(/\s+/g, '')
    .replace(/^(-?)(?:HK)?\$/i, '$1');
}

/**
 * A typed amount to integer minor units (cents): "12.50" → 1250. Pure string arithmetic: the
 * whole and fraction parts are read as integers separately, so 0.1 + 0.2 never happens here.
 * Extra decimal places are refused unless they are zeros ("12.500" is 1250).
 */
export function parseAmount(input: string, maxMinor: number = MAX_MINOR_UNITS): ParsedAmount {
  let text = normalise(input);
  if (text === '' || text === '-') return { ok: false, problem: 'empty' };
  const isNegative = text.startsWith('-');
  if (isNegative) text = text.slice(1);
  const match = AMOUNT.exec(text);
  const whole = (match?.[1] ?? '').replace(/,/g, '');
  const fraction = match?.[2] ?? '';
  if (!match || (whole === '' && fraction === '')) return { ok: false, problem: 'invalid' };
  if (isNegative) return { ok: false, problem: 'negative' };
  if (/[^0]/.test(fraction.slice(2))) return { ok: false, problem: 'too_many_decimals' };
  const wholeDigits = whole.replace(/^0+/, '');
  // Past 13 digits Number() would lose cents; the maximum is far below that anyway.
  if (wholeDigits.length > 13) return { ok: false, problem: 'too_large' };
  const minor = Number(wholeDigits || '0') * 100 + Number(fraction.slice(0, 2).padEnd(2, '0'));
  if (minor > maxMinor) return { ok: false, problem: 'too_large' };
  return { ok: true, minor };
}
