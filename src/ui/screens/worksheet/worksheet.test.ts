import { describe, expect, it } from 'vitest';
import { mathsCourse } from '../../../content/maths';
import { ValidationError } from '../../../core/errors';
import { buildWorksheet } from '../../../core/worksheet';
import { messageOf, sheetCatalogue, specOf, translator, type WorksheetForm } from './worksheet';

const form = (o: Partial<WorksheetForm> = {}): WorksheetForm => ({
  skillId: 'rounding',
  level: '2',
  count: '10',
  seed: '4021',
  ...o,
});

describe('specOf', () => {
  it('reads the form into a spec', () => {
    expect(specOf(form({ count: ' 12 ', seed: ' 7 ' }))).toEqual({
      spec: { skillId: 'rounding', level: 2, count: 12, seed: 7 },
    });
    expect(specOf(form({ level: '3' }))).toMatchObject({ spec: { level: 3 } });
  });
  it('says what to fix: a count or seed out of range, or not a number', () => {
    for (const count of ['', '0', '41', '2.5', 'ten', '-1']) {
      expect(specOf(form({ count })), count).toEqual({
        error: { key: 'worksheet.badCount', params: { min: 1, max: 40 } },
      });
    }
    for (const seed of ['', '0', '1000000', 'x1']) {
      expect(specOf(form({ seed })), seed).toEqual({
        error: { key: 'worksheet.badSeed', params: { max: 999999 } },
      });
    }
  });
  it('turns a ValidationError into its message, and lets anything else through', () => {
    expect(messageOf(new ValidationError('teacher.unknownSkill', { skill: 'x' }))).toEqual({
      key: 'teacher.unknownSkill',
      params: { skill: 'x' },
    });
    expect(() => messageOf(new Error('boom'))).toThrow('boom');
  });
});

describe('the sheet in either language', () => {
  const sheet = buildWorksheet(mathsCourse.generators.get('rounding')!, {
    skillId: 'rounding',
    level: 2,
    count: 3,
    seed: 4021,
  });

  it('prints the title, meta line and items in the chosen language, whatever the interface’s', () => {
    const en = translator(sheetCatalogue('en'), 'en');
    const zh = translator(sheetCatalogue('zh-CN'), 'zh-CN');
    expect(en('worksheet.sheet.title', { skill: en('skill.rounding.name') })).toBe('Worksheet: Rounding');
    expect(zh('worksheet.sheet.title', { skill: zh('skill.rounding.name') })).toBe('练习单：四舍五入');
    expect(en('worksheet.sheet.meta', { level: 2, n: 1, seed: 4021 })).toBe(
      'Level 2 · 1 question · Seed 4021',
    );
    expect(zh('worksheet.sheet.meta', { level: 2, n: 3, seed: 4021 })).toBe('2 级 · 共 3 题 · 种子号 4021');
    const item = sheet.items[0]!;
    expect(en(item.prompt)).toMatch(/^Round \d+ to the nearest 1?00?\.$/);
    expect(zh(item.prompt)).toMatch(/^把\d+四舍五入到(十位|百位|千位)。$/);
  });

  it('content packs’ skill names come from the course text', () => {
    const zh = translator(sheetCatalogue('zh-CN', { 'skill.p:s.name': '分数墙' }), 'zh-CN');
    expect(zh('skill.p:s.name')).toBe('分数墙');
  });

  it('Chinese sheet words use full-width punctuation', () => {
    const zh = sheetCatalogue('zh-CN');
    for (const key of [
      'worksheet.sheet.title',
      'worksheet.sheet.name',
      'worksheet.sheet.date',
      'worksheet.sheet.answer',
    ]) {
      expect(zh[key], key).toMatch(/：/);
      expect(zh[key], key).not.toMatch(/:/);
    }
  });
});
