/*
 * A hash router of a few lines: `#/records/0193…` → path `/records/0193…`. Hash URLs need no
 * server or service-worker help to deep-link offline, and plain `<a href="#/plan">` links work
 * with no click handling.
 */

/** The path in a location hash; null for a hash that is not a route (an in-page anchor). */
export function pathFromHash(hash: string): string | null {
  if (hash === '' || hash === '#' || hash === '#/') return '/';
  if (!hash.startsWith('#/')) return null;
  const path = hash.slice(1).split('?')[0] ?? '/';
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

/** The href of an in-app path, e.g. `hrefTo('/plan')` → `#/plan`. */
export function hrefTo(path: string): string {
  return `#${path}`;
}

export type RouteParams = Readonly<Record<string, string>>;

/** Matches `/records/:id` against `/records/42` → `{ id: '42' }`; null when it does not match. */
export function matchPath(pattern: string, path: string): RouteParams | null {
  const want = pattern.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] as string;
    const g = got[i] as string;
    if (w.startsWith(':')) {
      if (g === '') return null;
      try {
        params[w.slice(1)] = decodeURIComponent(g);
      } catch {
        return null;
      }
    } else if (w !== g) {
      return null;
    }
  }
  return params;
}

/** The first route whose pattern matches the path, with its params. */
export function resolveRoute<R extends { readonly pattern: string }>(
  routes: readonly R[],
  path: string,
): { readonly route: R; readonly params: RouteParams } | null {
  for (const route of routes) {
    const params = matchPath(route.pattern, path);
    if (params) return { route, params };
  }
  return null;
}
