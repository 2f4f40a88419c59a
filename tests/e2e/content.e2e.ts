import type { Page } from 'playwright-core';
import { build as esbuild } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samplePackDoc, XSS_PAYLOADS } from '../support/content-pack.sample';
import { generateItem, parseItemId } from '../../src/core/items';
import { packGenerators } from '../../src/core/content-pack';
import { parseContentPack } from '../../src/core/content-pack-schema';
import type { Item } from '../../src/core/types';
import { mathsSkills, STRANDS } from '../../src/content/maths';
import { axeFindings, foreignRequests, launch, ORIGIN, screenshot, type Browser } from './browser';
import { fillAdultIfAsked, unlockAdult } from './people';
import { answer, next } from './practice-driver';

/**
 * Issue 5 in Chromium: a teacher imports a content pack whose prompts, hints and solutions carry
 * XSS payloads; a learner practises one of its items. No script runs (the payloads would set
 * `window.__xss` or open a dialog), the rendered DOM has no script, foreign element or `on*`
 * attribute, nothing leaves the origin, and axe finds nothing serious. The sanitiser and the
 * import fuzzer then run in the page with the real DOMPurify and IndexedDB.
 */
describe('content packs: import, sanitised rendering, practice', () => {
  let b: Browser;
  let page: Page;
  const dialogs: string[] = [];
  // The first skill is a root, so a focus on it brings its items straight away.
  const doc = samplePackDoc({ xss: true }) as { skills: Record<string, unknown>[] };
  doc.skills[0]!.prerequisites = [];
  const pack = parseContentPack(JSON.stringify(doc), { bundled: mathsSkills, strands: STRANDS });
  const gens = new Map(packGenerators(pack).map((g) => [g.skillId, g]));
  /** The pack item on screen, regenerated from its id alone. */
  const packItem = (id: string): Item => {
    const { skillId, difficulty, seed } = parseItemId(id);
    return generateItem(gens.get(skillId)!, difficulty, seed);
  };
  const file = (name: string, text: string) => ({
    name,
    mimeType: 'application/json',
    buffer: Buffer.from(text),
  });

  beforeAll(async () => {
    b = await launch();
    page = b.page;
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
  });
  afterAll(async () => b?.close());

  async function noExecutableContent(): Promise<void> {
    const found = await page.evaluate(() => {
      const bad: string[] = [];
      for (const el of document.body.querySelectorAll('*')) {
        const tag = el.tagName.toLowerCase();
        if (
          ['script', 'iframe', 'object', 'embed', 'img', 'math', 'style', 'template', 'a', 'form'].includes(
            tag,
          )
        ) {
          if (el.closest('.rich')) bad.push(`<${tag}> in rich text`);
        }
        for (const a of el.getAttributeNames()) {
          if (a.startsWith('on')) bad.push(`${tag}[${a}]`);
          if (/javascript:/i.test(el.getAttribute(a) ?? '')) bad.push(`${tag}[${a}=javascript:]`);
        }
      }
      for (const r of document.querySelectorAll('.rich')) {
        for (const el of r.querySelectorAll('*')) {
          if (el.attributes.length > 0) bad.push(`${el.tagName} with attributes in rich text`);
        }
      }
      return bad;
    });
    expect(found).toEqual([]);
    expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);
  }

  it('the teacher imports a pack with XSS payloads; bad files are refused and change nothing', async () => {
    await page.goto(ORIGIN + '/');
    await page.getByRole('heading', { name: 'Who is learning?' }).waitFor();
    await page.getByRole('button', { name: /Add a learner/ }).click();
    await page.getByLabel('Nickname').fill('Lin');
    await fillAdultIfAsked(page);
    await page.getByRole('button', { name: 'Create' }).click();
    await page.locator('[data-item-id]').waitFor();
    await page.getByRole('button', { name: /Switch learner/ }).click();
    await page.getByRole('link', { name: 'Teacher' }).click();
    await unlockAdult(page);
    await page.getByRole('heading', { name: 'Class view' }).waitFor();

    const input = page.getByTestId('content-file');
    const status = () => page.getByTestId('content-status').textContent();
    await input.setInputFiles(file('shapes.json', JSON.stringify(doc)));
    await expect.poll(status).toContain('“Shapes and angles” version 1 imported (2 skills, 6 exercises)');
    await expect.poll(() => page.getByTestId('content-packs').textContent()).toContain('Shapes and angles');

    // A loop between the pack's skills: refused, named, nothing changed.
    const loop = structuredClone(doc);
    loop.skills[0]!.prerequisites = ['angles'];
    await input.setInputFiles(file('loop.json', JSON.stringify({ ...loop, version: 2 })));
    await expect.poll(status).toContain('loop.json: not imported');
    expect(await status()).toContain('loop');
    await input.setInputFiles(file('cut.json', JSON.stringify(doc).slice(0, 300)));
    await expect.poll(status).toContain('cut.json: not imported. This is not a Lantern content file');
    expect(await page.getByTestId('content-packs').textContent()).toContain(
      'version 1, 2 skills, 6 exercises',
    );
    // The pack's skills are in the class view's course, by name.
    await page.getByLabel('For', { exact: true }).selectOption({ label: 'Lin' });
    await page.getByLabel('Counting sides').first().check();
    await page.getByRole('button', { name: 'Assign focus', exact: true }).click();
    await expect.poll(() => page.getByTestId('focus-status').textContent()).toContain('Focus saved for 1');
    expect(await axeFindings(page, 'teacher content')).toEqual([]);
    await screenshot(page, 'content-imported-laptop');
    await noExecutableContent();
  });

  it('a learner practises a pack item rendered as sanitised rich text', async () => {
    await page.goto(ORIGIN + '/');
    await page.getByRole('button', { name: 'Open Lin' }).click();
    await page.locator('[data-item-id]').waitFor();
    const id = (await page.locator('[data-item-id]').getAttribute('data-item-id')) ?? '';
    expect(id.split('~')[0]).toBe('shapes:sides');
    await expect.poll(() => page.locator('.item .meta').textContent()).toContain('Counting sides');
    const prompt = page.locator('#prompt .rich');
    await prompt.waitFor(); // DOMPurify loads on first use
    expect(await prompt.locator('b, i').count()).toBe(1);
    expect(await prompt.textContent()).toMatch(
      /How many sides has a (triangle|hexagon)\?|Which shape has 8 sides\?/,
    );
    // Hint, then a wrong answer shows the worked solution: all of it rich text, none of it live.
    await page.getByRole('button', { name: 'Hint', exact: true }).click();
    await page.locator('.hint .rich').waitFor();
    if (await page.locator('.choice').count()) await page.locator('.choice').first().click();
    else {
      await page.locator('#answer').fill('99');
      await page.locator('#answer').press('Enter');
    }
    await page.locator('.solution').waitFor();
    await page.getByText('Saved').waitFor();
    await noExecutableContent();
    expect(await axeFindings(page, 'practice pack item')).toEqual([]);
    await screenshot(page, 'content-practice-laptop');
    // The next items regenerate exactly from their ids, like bundled ones: answer them right.
    for (let i = 0; i < 2; i++) {
      await next(page);
      const { item, saidCorrect } = await answer(page, true, packItem);
      expect(item.skillId.startsWith('shapes:')).toBe(true);
      expect(saidCorrect).toBe(true);
    }
    // The pack's skills are on the learner's map, by name.
    await page.getByRole('link', { name: 'Progress' }).click();
    await expect.poll(() => page.locator('main').textContent()).toContain('Counting sides');
    expect(await axeFindings(page, 'progress with a pack')).toEqual([]);
    expect(foreignRequests(b.requests)).toEqual([]);
    expect(b.problems.filter((p) => !/Content Security Policy|Refused to/.test(p))).toEqual([]);
  });

  it('re-importing replaces the pack; removing it keeps the answers', async () => {
    await page.goto(ORIGIN + '/');
    await page.getByRole('link', { name: 'Teacher' }).click();
    await unlockAdult(page);
    await page.getByRole('heading', { name: 'Class view' }).waitFor();
    const status = () => page.getByTestId('content-status').textContent();
    await page
      .getByTestId('content-file')
      .setInputFiles(file('v2.json', JSON.stringify({ ...doc, version: 2 })));
    await expect.poll(status).toContain('updated to version 2');
    await page.getByTestId('content-file').setInputFiles(file('v1.json', JSON.stringify(doc)));
    await expect.poll(status).toContain('already has version 2');
    await page.getByRole('button', { name: 'Remove Shapes and angles' }).click();
    await page.getByRole('button', { name: 'Yes, remove' }).click();
    await expect.poll(status).toContain('removed');
    await page.getByText('No content packs on this device.').waitFor();
    const attempts = page.locator('[data-testid=heatmap] tbody tr').getByTestId('attempts');
    await expect.poll(() => attempts.textContent()).toBe('3');
    expect(await axeFindings(page, 'teacher after removal')).toEqual([]);
  });

  it('DOMPurify in the page leaves no executable content in any payload, and the import fuzzer holds', async () => {
    const r = await esbuild({
      entryPoints: ['lab/bench/fuzz-content.browser.ts'],
      bundle: true,
      write: false,
      format: 'iife',
      target: 'es2022',
      platform: 'browser',
    });
    await page.evaluate(r.outputFiles[0]!.text);
    const results = await page.evaluate(async (payloads) => {
      const bench = (
        globalThis as unknown as {
          __bench: { sanitise(h: string): string; isSafe(h: string): boolean };
        }
      ).__bench;
      const host = document.createElement('div');
      document.body.append(host);
      const out = payloads.map((p) => {
        const s = bench.sanitise(p);
        host.innerHTML = s; // rendered live, as {@html} would
        return { p, s, safe: bench.isSafe(s), stable: bench.sanitise(s) === s };
      });
      await new Promise((r) => setTimeout(r, 300)); // give any onerror/onload a chance to fire
      host.remove();
      return out;
    }, XSS_PAYLOADS as string[]);
    for (const x of results) {
      expect(x.safe, `${x.p} → ${x.s}`).toBe(true);
      expect(x.stable, x.p).toBe(true);
      expect(x.s).not.toMatch(/script|onerror|onload|javascript|<svg|<math|<img|<a |style|is=/i);
    }
    expect(results.find((x) => x.p.startsWith('<b style'))?.s).toBe('<b>bold</b>');
    const lines = (await page.evaluate('globalThis.__bench.run(600, 777)')) as Record<string, unknown>[];
    const main = lines[0] as { uncaught: number; installed: number; rolledBack: number; rejected: number };
    expect(lines.find((l) => l.bench === 'fuzz-content.failures')).toBeUndefined();
    expect(main.uncaught).toBe(0);
    expect(main.installed).toBeGreaterThan(30);
    expect(main.rolledBack).toBeGreaterThan(30);
    expect(main.rejected).toBeGreaterThan(200);
    await noExecutableContent();
  });
});
