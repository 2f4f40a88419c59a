import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash, type Route } from './router.svelte';

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
  ];
  it.each(routes)('round-trips %o', (r) => {
    expect(parseRoute(routeHash(r))).toEqual(r);
  });
  it('falls back to the picker for unknown or empty hashes', () => {
    expect(parseRoute('')).toEqual({ name: 'picker' });
    expect(parseRoute('#/nonsense')).toEqual({ name: 'picker' });
    expect(parseRoute('#/pin')).toEqual({ name: 'picker' });
  });
});
