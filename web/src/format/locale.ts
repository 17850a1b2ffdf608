/** The locales the app formats for: Hong Kong English and Hong Kong Traditional Chinese. */
export type AppLocale = 'en-HK' | 'zh-HK';

/** Hong Kong time for every date on screen (product.md §3); stored instants stay UTC. */
export const HONG_KONG_TIME_ZONE = 'Asia/Hong_Kong';

/**
 * Intl formatters are slow to build on an old phone and the same few are used on every render,
 * so each one is built once per locale and options.
 */
export function cached<F>(cache: Map<string, F>, key: string, build: () => F): F {
  let formatter = cache.get(key);
  if (formatter === undefined) {
    formatter = build();
    cache.set(key, formatter);
  }
  return formatter;
}
