import { buildDemoOrganisation } from '../../../server/src/seed/demo-data.ts';
import type { ScopeWords } from './record-pages.ts';
import type { Lang } from './words.ts';

const demo = buildDemoOrganisation(new Date());
const references = demo.references;

/** The name the status bar shows for a demo login. */
export function displayNameOf(username: string): string {
  const user = demo.users.find((u) => u.username === username);
  if (!user) throw new Error(`no demo user ${username}`);
  return user.displayName;
}

/**
 * The name the app shows for a reference code of the demo organisation (product, segment,
 * region), in a language: the pickers show these, not catalogue words.
 */
export function referenceName(kind: 'product' | 'segment' | 'region', code: string, lang: Lang) {
  const item = references.find((r) => r.kind === kind && r.code === code);
  if (!item) throw new Error(`no ${kind} ${code} in the demo organisation`);
  return lang === 'zh-HK' ? item.name.zhHK : item.name.en;
}

/** Mobile · Consumer · Kowloon West: inside frontline.chan's regions, with tactics and limits. */
export function kowloonWestMobile(lang: Lang): ScopeWords {
  return {
    product: referenceName('product', 'mobile', lang),
    segment: referenceName('segment', 'consumer', lang),
    region: referenceName('region', 'kowloon_west', lang),
  };
}
