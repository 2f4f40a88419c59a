import { describe, expect, it } from 'vitest';
import { decodeGiftBytes, readGift, renderMarkdown } from './gift-read';
import { isSafeRichText } from '../../tests/support/content-fuzz';
import { jsdomSanitiser, keyOf } from '../../tests/support/import-tests';
import { XSS_PAYLOADS } from '../../tests/support/content-pack.sample';

const sanitise = jsdomSanitiser();

/** GIFT needs `=`, `#`, `{`, `}`, `~` and `:` escaped inside a text. */
const giftEscape = (s: string) => s.replace(/[~=#{}:\\]/g, (c) => `\\${c}`);

describe('decodeGiftBytes', () => {
  const enc = new TextEncoder();
  it('reads UTF-8 with or without a byte-order mark, and UTF-16 with one', () => {
    expect(decodeGiftBytes(enc.encode('分数 {T}'))).toBe('分数 {T}');
    expect(decodeGiftBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...enc.encode('Q {T}')]))).toBe('Q {T}');
    const le = [0xff, 0xfe, ...[...'Q {T}'].flatMap((c) => [c.charCodeAt(0), 0])];
    expect(decodeGiftBytes(new Uint8Array(le))).toBe('Q {T}');
    const be = [0xfe, 0xff, ...[...'分 {T}'].flatMap((c) => [c.charCodeAt(0) >> 8, c.charCodeAt(0) & 0xff])];
    expect(decodeGiftBytes(new Uint8Array(be))).toBe('分 {T}');
  });

  it('refuses binary data and text in another encoding', () => {
    expect(
      keyOf(() => decodeGiftBytes(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))),
    ).toBe('gift.binary');
    // "分数" in GB18030, as Chinese Excel and Notepad save it.
    expect(
      keyOf(() => decodeGiftBytes(new Uint8Array([0xb7, 0xd6, 0xca, 0xfd, 0x20, 0x7b, 0x54, 0x7d]))),
    ).toBe('gift.encoding');
    expect(keyOf(() => decodeGiftBytes(new Uint8Array([0xff, 0xfe, 0x00, 0xd8])))).toBe('gift.encoding');
  });
});

describe('readGift with DOMPurify and marked', () => {
  it('renders Markdown, then sanitises it', () => {
    expect(renderMarkdown('**bold** and `code`')).toBe(
      '<p><strong>bold</strong> and <code>code</code></p>\n',
    );
    const p = readGift("[markdown]Who's buried in **Grant's tomb**?\\n\\n- one\\n- two{=no one}", sanitise);
    expect(p.questions[0]!.prompt).toBe(
      "<p>Who's buried in <strong>Grant's tomb</strong>?</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>",
    );
  });

  it('every stored text is allow-listed markup only, whatever the file holds; the losses are flagged', () => {
    const file = XSS_PAYLOADS.map(
      (x, i) => `::X${i}::[html]Q${i} ${giftEscape(x)} {=right ~[html]${giftEscape(x)}wrong}`,
    ).join('\n\n');
    const p = readGift(file, sanitise);
    // A choice whose text is swallowed by a dropped element (inside <style>) has nothing left.
    expect(p.rejected.map((r) => r.reason.key)).toEqual(['gift.emptyChoice']);
    expect(p.questions).toHaveLength(XSS_PAYLOADS.length - 1);
    for (const q of p.questions) {
      expect(isSafeRichText(q.prompt), q.prompt).toBe(true);
      if (q.answer.kind !== 'single') throw new Error(q.answer.kind);
      for (const o of q.answer.options) expect(isSafeRichText(o.html), o.html).toBe(true);
    }
    // Every payload is flagged but the customised built-in (`<p is=…>`, harmless once rebuilt).
    const flagged = new Set(p.flags.map((f) => f.line));
    const unflagged = p.questions.filter((q) => !flagged.has(q.line)).map((q) => q.name);
    expect(unflagged).toEqual([`X${XSS_PAYLOADS.findIndex((x) => x.includes(' is='))}`]);
  });

  it('flags a Markdown image and keeps the rest of the question', () => {
    const p = readGift('[markdown]Look\\: ![a cell](@@PLUGINFILE@@/cell.png) {T}', sanitise);
    expect(p.questions[0]!.prompt).toBe('<p>Look: </p>');
    expect(p.flags).toEqual([
      { line: 1, kind: 'image', message: { key: 'gift.flag.image', params: { files: 'cell.png' } } },
    ]);
  });
});
