// The real `npm run content:import` command (lab/content-import.ts), run as a child process: on
// a corpus file from ../shared/datasets/gift (skipped when absent) and on bad input written to a
// temporary folder.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('..', import.meta.url));
const corpus = fileURLToPath(new URL('../../shared/datasets/gift/gift-parser-ide/pass/', import.meta.url));
const present = existsSync(corpus);
if (!present) console.warn(`content:import corpus test skipped: ${corpus} not found`);

/** `npm run -s content:import -- ...args`: exit status, stdout, stderr. */
function run(...args: string[]) {
  const r = spawnSync('npm', ['run', '-s', 'content:import', '--', ...args], { cwd: repo, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The same script without npm in front (faster, for the many bad-input cases), all at once. */
function runAll(cases: readonly string[][]) {
  return Promise.all(
    cases.map(
      (args) =>
        new Promise<{ status: number | null; stdout: string; stderr: string }>((done) => {
          const child = spawn(process.execPath, ['--import', 'tsx', 'lab/content-import.ts', ...args], {
            cwd: repo,
          });
          let stdout = '';
          let stderr = '';
          child.stdout.on('data', (d: Buffer) => (stdout += String(d)));
          child.stderr.on('data', (d: Buffer) => (stderr += String(d)));
          child.on('close', (status) => done({ status, stdout, stderr }));
        }),
    ),
  );
}

const tmp = mkdtempSync(join(tmpdir(), 'lantern-gift-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('npm run content:import', () => {
  it.skipIf(!present)(
    'prints one JSON line for a corpus file: imported count, refused with line and reason',
    () => {
      const out = execFileSync(
        'npm',
        ['run', '-s', 'content:import', '--', join(corpus, 'giftFormatPhpExamples.gift'), '--json'],
        {
          cwd: repo,
          encoding: 'utf8',
        },
      );
      const lines = out.trim().split('\n');
      expect(lines).toHaveLength(1);
      const r = JSON.parse(lines[0]!);
      expect(r.imported).toBe(10);
      expect(r.rejected).toEqual([]);
      expect(r.questions.map((q: { kind: string }) => q.kind)).toEqual([
        'single',
        'single',
        'truefalse',
        'text',
        'number',
        'matching',
        'single',
        'single',
        'text',
        'number',
      ]);
      expect(r.skills).toEqual([
        { id: 'giftformatphpexamples', name: 'giftFormatPhpExamples', questions: 10, lessons: 0 },
      ]);
    },
  );

  it.skipIf(!present)(
    'reports an essay as refused with its line; the readable report says nothing was written',
    () => {
      const json = JSON.parse(run(join(corpus, 'essay1.gift'), '--json').stdout);
      expect(json).toMatchObject({ imported: 0, rejected: [{ line: 1, key: 'gift.essay' }] });
      expect(json.rejected[0].reason).toMatch(/^Essay questions need a person to mark them/);
      const text = run(join(corpus, 'mc5.gift'));
      expect(text.status).toBe(0);
      expect(text.stdout).toContain('Would import 4 questions');
      expect(text.stdout).toContain('Nothing was written: this was a dry run.');
    },
  );

  it('reads a relative path from where npm was run, and flags what the sanitiser drops', () => {
    const f = join(tmp, 'bank.gift');
    writeFileSync(
      f,
      '$CATEGORY: $course$/top/Cells\n\n[html]<img src\\="@@PLUGINFILE@@/cell.png"> What is this? {=a cell ~a dog}\n\nWrite about cells. {}\n',
    );
    // npm sets INIT_CWD to the folder it was run in; --prefix finds the package from there.
    const r = spawnSync(
      'npm',
      ['run', '-s', '--prefix', repo, 'content:import', '--', 'bank.gift', '--json'],
      {
        cwd: tmp,
        encoding: 'utf8',
      },
    );
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({
      imported: 1,
      skills: [{ id: 'cells', name: 'Cells', questions: 1, lessons: 0 }],
      rejected: [{ line: 5, key: 'gift.essay' }],
      flags: [{ line: 3, kind: 'image' }],
    });
    expect(json.flags[0].message).toContain('cell.png');
  });

  it('reads spreadsheets: one JSON line with rows refused by row number, and how the file was read', async () => {
    const semicolon = join(tmp, 'bank.csv');
    writeFileSync(semicolon, 'type;question;answer\r\nbogus;x;y\r\n;;\r\nnumber;Half of 7?;3,5\r\n');
    // 题型,题目,答案 / 判断,水是湿的。,对 in GB18030, as Chinese Excel saves a CSV.
    const gbk = join(tmp, 'chinese.csv');
    writeFileSync(
      gbk,
      Buffer.from('cce2d0cd2ccce2c4bf2cb4f0b0b80d0ac5d0b6cf2ccbaecac7caaab5c4a1a32cb6d40d0a', 'hex'),
    );
    // Excel's "Unicode text": UTF-16 LE with a mark, tab-separated, saved as .txt.
    const unicode = join(tmp, 'unicode.txt');
    writeFileSync(
      unicode,
      Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        Buffer.from('type\tquestion\tanswer\r\ntruefalse\tWet?\tT\r\n', 'utf16le'),
      ]),
    );
    const workbook = join(tmp, 'bank.xlsx.csv');
    writeFileSync(workbook, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 6, 0]));
    const [a, b, c, d, e] = await runAll([
      [semicolon, '--json'],
      [gbk, '--json'],
      [unicode, '--json'],
      [semicolon],
      [workbook],
    ]);
    expect(a!.status).toBe(0);
    expect(JSON.parse(a!.stdout)).toMatchObject({
      format: 'sheet',
      encoding: 'utf-8',
      delimiter: 'semicolon',
      rows: 2,
      imported: 1,
      questions: [{ line: 4, kind: 'number' }],
      rejected: [{ line: 2, key: 'sheet.unknownType', reason: expect.stringContaining('“bogus”') }],
    });
    expect(JSON.parse(b!.stdout)).toMatchObject({ encoding: 'gb18030', imported: 1, rejected: [] });
    expect(JSON.parse(c!.stdout)).toMatchObject({ encoding: 'utf-16le', delimiter: 'tab', imported: 1 });
    expect(d!.stdout).toContain('Read as utf-8, semicolon-separated: 2 rows below the header.');
    expect(d!.stdout).toMatch(/row {2}2 +Lantern does not know the type “bogus”/);
    expect(e!.status).toBe(1);
    expect(e!.stderr).toMatch(/Excel workbook/);
  });

  it('refuses bad input with a clear message and a non-zero exit', async () => {
    const binary = join(tmp, 'picture.gift');
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
    const gbk = join(tmp, 'gbk.gift');
    writeFileSync(gbk, Buffer.from([0xb7, 0xd6, 0xca, 0xfd, 0x20, 0x7b, 0x54, 0x7d]));
    const empty = join(tmp, 'empty.gift');
    writeFileSync(empty, '// nothing but a comment\n');
    const cases: [string[], number, RegExp][] = [
      [[join(tmp, 'missing.gift')], 1, /No such file/],
      [[tmp], 1, /is a folder/],
      [[binary], 1, /not a text file/],
      [[gbk], 1, /not UTF-8/],
      [[empty], 1, /no GIFT questions/],
      [[], 2, /Usage/],
      [[binary, '--json'], 1, /not a text file/],
    ];
    const results = await runAll(cases.map(([args]) => args));
    cases.forEach(([args, status, message], i) => {
      expect(results[i]!.status, args.join(' ')).toBe(status);
      expect(results[i]!.stderr, args.join(' ')).toMatch(message);
    });
    expect(JSON.parse(results[6]!.stdout)).toEqual({
      file: binary,
      error: expect.stringMatching(/not a text file/),
    });
  });
});
