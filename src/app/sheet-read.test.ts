import { describe, expect, it } from 'vitest';
import { planGiftImport } from '../core/gift';
import { sheetTemplate, TEMPLATE_COUNTS } from '../core/sheet-format';
import { decodeGiftBytes, readGift, renderMarkdown } from './gift-read';
import { decodeSheetBytes, readSheet, readSheetFile } from './sheet-read';
import { isSafeRichText } from '../../tests/support/content-fuzz';
import { jsdomSanitiser, keyOf } from '../../tests/support/import-tests';
import { XSS_PAYLOADS } from '../../tests/support/content-pack.sample';

const sanitise = jsdomSanitiser();

const hex = (s: string): Uint8Array => new Uint8Array(s.match(/../g)!.map((h) => parseInt(h, 16)));
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const utf16le = (s: string, bom = true): Uint8Array =>
  new Uint8Array([
    ...(bom ? [0xff, 0xfe] : []),
    ...[...s].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8]),
  ]);
const utf16be = (s: string): Uint8Array =>
  new Uint8Array([0xfe, 0xff, ...[...s].flatMap((c) => [c.charCodeAt(0) >> 8, c.charCodeAt(0) & 0xff])]);

const SHEET = 'type,question,answer\r\ntruefalse,分数 and café?,对\r\n';

describe('decodeSheetBytes: the encodings Excel and LibreOffice write', () => {
  it('UTF-8 without a byte-order mark (LibreOffice, most tools)', () => {
    expect(decodeSheetBytes(utf8(SHEET))).toEqual({ text: SHEET, encoding: 'utf-8', bom: false });
  });

  it('UTF-8 with one (Excel’s “CSV UTF-8”)', () => {
    expect(decodeSheetBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(SHEET)]))).toEqual({
      text: SHEET,
      encoding: 'utf-8',
      bom: true,
    });
  });

  it('UTF-16 LE with a mark, tab-separated (Excel’s “Unicode text”), and BE', () => {
    const tsv = SHEET.replace(/,/g, '\t');
    expect(decodeSheetBytes(utf16le(tsv))).toEqual({ text: tsv, encoding: 'utf-16le', bom: true });
    expect(decodeSheetBytes(utf16be(tsv))).toEqual({ text: tsv, encoding: 'utf-16be', bom: true });
    const plan = readSheetFile(utf16le(tsv), sanitise);
    expect(plan).toMatchObject({ encoding: 'utf-16le', delimiter: '\t', rejected: [] });
    expect(plan.questions[0]!.prompt).toBe('分数 and café?');
  });

  it('UTF-16 LE without a mark, when every other byte is zero', () => {
    const tsv = 'type\tquestion\tanswer\r\ntruefalse\tWet?\tT\r\n';
    expect(decodeSheetBytes(utf16le(tsv, false))).toEqual({ text: tsv, encoding: 'utf-16le', bom: false });
  });

  it('GB18030/GBK, what Chinese Excel writes as “CSV”: no mark, invalid as UTF-8', () => {
    // 题型,题目,答案 CRLF 判断,水是湿的。,对 CRLF — in GB18030, as Chinese Excel saves it.
    const bytes = hex(
      'cce2d0cd2ccce2c4bf2cb4f0b0b8' + '0d0a' + 'c5d0b6cf2ccbaecac7caaab5c4a1a32cb6d4' + '0d0a',
    );
    expect(decodeSheetBytes(bytes)).toEqual({
      text: '题型,题目,答案\r\n判断,水是湿的。,对\r\n',
      encoding: 'gb18030',
      bom: false,
    });
    const plan = readSheetFile(bytes, sanitise);
    expect(plan.encoding).toBe('gb18030');
    expect(plan.rejected).toEqual([]);
    expect(plan.questions[0]).toMatchObject({
      prompt: '水是湿的。',
      answer: { kind: 'truefalse', correct: true },
    });
    // 单选;中国的首都是哪座城市？;北京;上海;A, semicolon-separated: options too.
    const choice = new Uint8Array([
      ...utf8('type;question;option1;option2;answer\n'),
      ...hex('b5a5d1a1'),
      ...utf8(';'),
      ...hex('d6d0b9fab5c4cad7b6bccac7c4c4d7f9b3c7cad0a3bf'),
      ...utf8(';'),
      ...hex('b1b1bea9'),
      ...utf8(';'),
      ...hex('c9cfbaa3'),
      ...utf8(';A\n'),
    ]);
    const p = readSheetFile(choice, sanitise);
    expect(p).toMatchObject({ encoding: 'gb18030', delimiter: ';', rejected: [] });
    expect(p.questions[0]!.answer).toEqual({
      kind: 'single',
      options: [
        { html: '北京', credit: 1 },
        { html: '上海', credit: 0 },
      ],
    });
  });

  it('Windows-1252, what Excel writes as “CSV” on Western Windows (’ é ü)', () => {
    const bytes = hex(
      '7175657374696f6e2c747970652c616e737765720d0a436166e99273206d656e753a206372e86d65206272fb6ce9653f2c7472756566616c73652c54525545',
    );
    expect(decodeSheetBytes(bytes)).toEqual({
      text: 'question,type,answer\r\nCafé’s menu: crème brûlée?,truefalse,TRUE',
      encoding: 'windows-1252',
      bom: false,
    });
  });

  it('refuses workbooks, binary data and undecodable text, each with its reason', () => {
    expect(keyOf(() => decodeSheetBytes(hex('504b030414000600')))).toBe('sheet.workbook');
    expect(keyOf(() => decodeSheetBytes(hex('d0cf11e0a1b11ae1')))).toBe('sheet.workbook');
    expect(keyOf(() => decodeSheetBytes(hex('89504e470d0a1a0a0000000d')))).toBe('sheet.binary');
    // Invalid UTF-8, not Chinese, and bytes Windows-1252 leaves undefined (0x81, 0x8d).
    expect(keyOf(() => decodeSheetBytes(hex('74797065818d2c71')))).toBe('sheet.encoding');
    expect(keyOf(() => decodeSheetBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0xff])))).toBe('sheet.encoding');
  });
});

describe('readSheet with the app’s sanitiser', () => {
  it('the template imports with no error in both languages', () => {
    for (const locale of ['en', 'zh-CN'] as const) {
      const plan = readSheetFile(utf8(sheetTemplate(locale)), sanitise, { defaultSkill: 'template' });
      expect(plan.encoding).toBe('utf-8');
      expect(plan.rejected).toEqual([]);
      expect(plan.questions).toHaveLength(TEMPLATE_COUNTS.questions);
      expect(plan.lessons).toHaveLength(TEMPLATE_COUNTS.lessons);
    }
  });

  it('shows markup typed in a plain cell as text, and sanitises html cells', () => {
    const rows = XSS_PAYLOADS.map((x) => `truefalse,"${x.replace(/"/g, '""')}",T,plain`);
    const html = XSS_PAYLOADS.map((x) => `truefalse,"Q ${x.replace(/"/g, '""')}",T,html`);
    const plan = readSheet(['type,question,answer,format', ...rows, ...html].join('\r\n'), sanitise);
    for (const q of plan.questions) expect(isSafeRichText(q.prompt), q.prompt).toBe(true);
    const plain = plan.questions.filter((q) => q.line <= rows.length + 1);
    expect(plain.length).toBeGreaterThan(0);
    for (const q of plain) expect(q.prompt).not.toMatch(/<(?!br>)/);
    expect(plan.rejected.every((r) => ['gift.emptyPrompt', 'sheet.duplicate'].includes(r.reason.key))).toBe(
      true,
    );
  });

  it('a GIFT file and the same questions in a sheet give the same keys', () => {
    const giftText = '::Capital::What is the capital of France? {~Berlin =Paris ~Rome}\n\nWater is wet. {T}';
    const sheet =
      'name,type,question,A,B,C,answer\r\n' +
      'Capital,single,What is the capital of France?,Berlin,Paris,Rome,B\r\n' +
      ',truefalse,Water is wet.,,,,TRUE\r\n';
    const g = readGift(decodeGiftBytes(utf8(giftText)), sanitise);
    const s = readSheetFile(utf8(sheet), sanitise);
    expect(s.questions.map((q) => q.key)).toEqual(g.questions.map((q) => q.key));
    expect(s.questions.map((q) => q.answer)).toEqual(g.questions.map((q) => q.answer));
    expect(
      planGiftImport(giftText, { sanitise, markdown: renderMarkdown }).questions.map((q) => q.prompt),
    ).toEqual(s.questions.map((q) => q.prompt));
  });
});
