import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseRoute, routeHash, Router, type Route } from './router.svelte';
import { isAdultScreen } from './state/adult.svelte';

describe('routes', () => {
  const routes: Route[] = [
    { name: 'picker' },
    { name: 'create' },
    { name: 'pin', learnerId: 'a b/c' },
    { name: 'practice' },
    { name: 'progress' },
    { name: 'settings' },
    { name: 'data' },
    { name: 'teacher' },
    { name: 'learner', learnerId: 'a b/c' },
    { name: 'worksheet' },
    { name: 'learnerPage', learnerId: 'a b/c' },
  ];
  it.each(routes)('round-trips %o', (r) => {
    expect(parseRoute(routeHash(r))).toEqual(r);
  });
  it('falls back to the picker for unknown or empty hashes', () => {
    expect(parseRoute('')).toEqual({ name: 'picker' });
    expect(parseRoute('#/nonsense')).toEqual({ name: 'picker' });
    expect(parseRoute('#/pin')).toEqual({ name: 'picker' });
  });
  it('the teacher’s pages live under #/teacher; an incomplete one is the class view', () => {
    expect(parseRoute('#/teacher/worksheet')).toEqual({ name: 'worksheet' });
    expect(parseRoute('#/teacher/learner/id-1')).toEqual({ name: 'learnerPage', learnerId: 'id-1' });
    expect(parseRoute('#/teacher/learner')).toEqual({ name: 'teacher' });
    expect(parseRoute('#/teacher/other')).toEqual({ name: 'teacher' });
  });
  it('every adult page is behind the adult gate, typed addresses included', () => {
    for (const hash of ['#/data', '#/teacher', '#/learner/x', '#/teacher/worksheet', '#/teacher/learner/x']) {
      expect(isAdultScreen(parseRoute(hash).name), hash).toBe(true);
    }
    for (const hash of ['#/', '#/practice', '#/progress', '#/settings', '#/new', '#/pin/x']) {
      expect(isAdultScreen(parseRoute(hash).name), hash).toBe(false);
    }
  });
});

describe('Router.listen', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('passes through every address change in order, even when the address has already moved on', () => {
    const listeners: ((e: HashChangeEvent) => void)[] = [];
    vi.stubGlobal('location', { hash: '#/data' });
    vi.stubGlobal('addEventListener', (type: string, fn: (e: HashChangeEvent) => void) => {
      if (type === 'hashchange') listeners.push(fn);
    });
    vi.stubGlobal('removeEventListener', () => undefined);
    const router = new Router();
    router.listen();
    expect(listeners).toHaveLength(1);
    const seen: string[] = [];
    // Two changes (#/data → #/ → #/data) handled after both happened: location.hash is '#/data'.
    for (const hash of ['#/', '#/data']) {
      listeners[0]!({ newURL: `http://127.0.0.1/${hash}` } as HashChangeEvent);
      seen.push(router.route.name);
    }
    expect(seen).toEqual(['picker', 'data']);
  });
});
