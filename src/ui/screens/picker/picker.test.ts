import { describe, expect, it } from 'vitest';
import { lastActiveLabel } from './picker';

describe('lastActiveLabel', () => {
  it('says not started for a learner with no activity', () => {
    expect(lastActiveLabel({ lastActiveAt: null }, 'en')).toEqual({ key: 'picker.never' });
  });
  it('formats the date in the learner locale', () => {
    const t = Date.UTC(2026, 10, 3, 12);
    const en = lastActiveLabel({ lastActiveAt: t }, 'en');
    const zh = lastActiveLabel({ lastActiveAt: t }, 'zh-CN');
    expect(en.key).toBe('picker.lastActive');
    expect(String(en.params?.date)).toMatch(/Nov/);
    expect(String(zh.params?.date)).toMatch(/11月/);
  });
});
