import { describe, expect, it, vi } from 'vitest';
import { createAppState } from './app-state.ts';

const deps = {
  savedLang: null,
  browserLanguages: ['zh-HK', 'en'],
  isOnline: false,
  hash: '#/plan',
  nowMs: 0,
};

describe('app state', () => {
  it('starts from the browser: language, connectivity and the route in the hash', () => {
    const state = createAppState(deps);
    expect(state.lang.value).toBe('zh-HK');
    expect(state.i18n.value.t('nav.plan')).toBe('計劃');
    expect(state.isOnline.value).toBe(false);
    expect(state.path.value).toBe('/plan');
  });

  it('switches language everywhere at once and remembers the choice', () => {
    const saveLang = vi.fn();
    const state = createAppState({ ...deps, saveLang });
    state.setLang('en');
    expect(state.i18n.value.t('nav.plan')).toBe('Plan');
    expect(state.i18n.value.money(1250)).toBe('HK$12.50');
    expect(saveLang).toHaveBeenCalledWith('en');
  });

  it('goes to an in-app path as a link would: the hash and the path together', () => {
    const hashes: string[] = [];
    const state = createAppState({ ...deps, setHash: (hash) => hashes.push(hash) });
    state.navigate('/records/0193');
    expect(state.path.value).toBe('/records/0193');
    expect(hashes).toEqual(['#/records/0193']);
  });

  it('gives every app its own state (no module globals)', () => {
    const a = createAppState(deps);
    const b = createAppState(deps);
    a.isUpdateReady.value = true;
    expect(b.isUpdateReady.value).toBe(false);
  });
});
