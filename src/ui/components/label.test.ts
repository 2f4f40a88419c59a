import { describe, expect, it } from 'vitest';
import { textWidth, wrapLabel } from './label';

describe('wrapLabel', () => {
  it('keeps short labels on one line', () => {
    expect(wrapLabel('Place value', 18)).toEqual(['Place value']);
  });
  it('breaks at spaces and never exceeds the width', () => {
    const lines = wrapLabel('Multiplying and dividing negative numbers', 18);
    expect(lines.length).toBeLessThanOrEqual(2);
    for (const l of lines) expect(textWidth(l)).toBeLessThanOrEqual(18);
    expect(lines[1]?.endsWith('…')).toBe(true);
  });
  it('counts Chinese characters as double width and breaks anywhere', () => {
    expect(textWidth('分数')).toBe(4);
    const lines = wrapLabel('含有括号的四则混合运算', 12);
    expect(lines).toEqual(['含有括号的四', '则混合运算']);
  });
  it('keeps a single long word rather than looping', () => {
    expect(wrapLabel('Supercalifragilistic', 8)).toEqual(['Supercalifragilistic']);
  });
});
