import { describe, expect, it } from 'vitest';
import { hrefTo, matchPath, pathFromHash, resolveRoute } from './router.ts';

describe('hash routes', () => {
  it('reads the path from the hash, home when there is none', () => {
    expect(pathFromHash('')).toBe('/');
    expect(pathFromHash('#')).toBe('/');
    expect(pathFromHash('#/plan')).toBe('/plan');
    expect(pathFromHash('#/plan/')).toBe('/plan');
    expect(pathFromHash('#/records/42?tab=sent')).toBe('/records/42');
    expect(pathFromHash('#main')).toBeNull();
    expect(hrefTo('/plan')).toBe('#/plan');
  });

  it('matches patterns with parameters', () => {
    expect(matchPath('/records/:id', '/records/0193abc')).toEqual({ id: '0193abc' });
    expect(matchPath('/records/:id', '/records/a%20b')).toEqual({ id: 'a b' });
    expect(matchPath('/records/:id', '/records')).toBeNull();
    expect(matchPath('/records/:id', '/records/')).toBeNull();
    expect(matchPath('/records/:id', '/records/%E0%A4')).toBeNull();
    expect(matchPath('/', '/')).toEqual({});
    expect(matchPath('/plan', '/plans')).toBeNull();
  });

  it('takes the first route that matches', () => {
    const routes = [{ pattern: '/records/new' }, { pattern: '/records/:id' }];
    expect(resolveRoute(routes, '/records/new')?.route).toBe(routes[0]);
    expect(resolveRoute(routes, '/records/7')).toEqual({ route: routes[1], params: { id: '7' } });
    expect(resolveRoute(routes, '/nowhere')).toBeNull();
  });
});
