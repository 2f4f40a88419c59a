import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, type Browser } from './browser';
import { fillAdultIfAsked } from './people';
import { answer } from './practice-driver';
import { serveFolder } from './static-server';

/**
 * Deployment and outage, with a server this test controls: a copy of dist/ is served,
 * a "new build" is deployed under a learner mid-exercise, and then the server is stopped.
 */
describe('updates and a stopped server', () => {
  const PORT = 4175;
  let dir: string;
  let server: Awaited<ReturnType<typeof serveFolder>> | undefined;
  let b: Browser;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lantern-dist-'));
    cpSync('dist', dir, { recursive: true });
    server = await serveFolder(dir, PORT);
    b = await launch();
  });

  afterAll(async () => {
    await b?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('offers "update available — reload" for a new build instead of swapping code mid-exercise', async () => {
    const { page } = b;
    const origin = server!.origin;
    await page.goto(origin + '/');
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await page.getByRole('button', { name: /Add a learner/ }).click();
    await page.getByLabel('Nickname').fill('Ivy');
    await fillAdultIfAsked(page);
    await page.getByRole('button', { name: 'Create' }).click();
    await page.locator('[data-item-id]').waitFor();
    const itemBefore = await page.locator('[data-item-id]').getAttribute('data-item-id');

    // Deploy a new build: any byte change to the service worker script is a new version.
    appendFileSync(join(dir, 'sw.js'), '\n// new deployment\n');
    await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.getRegistration();
      await reg?.update();
    });
    await page.getByText('An update is available.').waitFor();
    // Nothing was swapped: the learner is still on the same item, and can finish it.
    expect(await page.locator('[data-item-id]').getAttribute('data-item-id')).toBe(itemBefore);
    await answer(page, true);

    await page.getByRole('button', { name: 'Reload to update' }).click();
    await page.waitForEvent('load');
    await page.locator('[data-item-id]').waitFor();
    expect(await page.getByText('An update is available.').count()).toBe(0);
    const waiting = await page.evaluate(
      async () => (await navigator.serviceWorker.getRegistration())?.waiting ?? null,
    );
    expect(waiting).toBeNull();
  });

  it('keeps working with the server stopped: reload, practise, progress', async () => {
    const { page } = b;
    await server!.close();
    server = undefined;
    await page.reload();
    await page.locator('[data-item-id]').waitFor();
    await answer(page, true);
    await page.getByRole('button', { name: /Next/ }).click();
    await page.getByRole('link', { name: 'Progress' }).click();
    expect(Number(await page.getByTestId('total-attempts').textContent())).toBe(2);
  });
});
