/** Display width in "latin character" units: CJK ideographs and full-width forms count 2. */
export function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    w += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60]/.test(ch) ? 2 : 1;
  }
  return w;
}

/**
 * Wrap a label into at most `maxLines` lines of at most `width` units, breaking at spaces
 * (or anywhere in CJK text). An overflowing last line ends with "…".
 */
export function wrapLabel(text: string, width: number, maxLines = 2): string[] {
  const byChar = !text.includes(' ') && textWidth(text) > [...text].length; // CJK: no spaces to break at
  const tokens = byChar ? [...text] : text.split(' ');
  const joiner = byChar ? '' : ' ';
  const lines: string[] = [];
  let line = '';
  for (const t of tokens) {
    const candidate = line ? line + joiner + t : t;
    if (textWidth(candidate) <= width || !line) line = candidate;
    else {
      lines.push(line);
      line = t;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1] ?? '';
  while (last && textWidth(last + '…') > width) last = [...last].slice(0, -1).join('');
  kept[maxLines - 1] = last.trimEnd() + '…';
  return kept;
}
