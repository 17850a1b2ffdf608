import { LANGS, type Lang } from './messages.ts';

/**
 * The language to start in: the user's own choice if they made one on this device, else the
 * first Chinese or English entry of the browser's languages (zh-TW and zh-Hant read zh-HK text
 * well; Simplified Chinese readers usually read Traditional too), else English.
 */
export function preferredLang(saved: string | null, browserLanguages: readonly string[]): Lang {
  if (saved !== null && (LANGS as readonly string[]).includes(saved)) return saved as Lang;
  for (const tag of browserLanguages) {
    const lower = tag.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-HK';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}
