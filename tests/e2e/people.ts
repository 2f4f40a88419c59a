import type { Page } from 'playwright-core';
import { ORIGIN } from './browser';

/** The adult passphrase the e2e adults set with a device's first learner. */
export const ADULT_PASS = 'grown-ups only 42';

/**
 * On the new-learner screen: the device's first learner is created by an adult, who sets the
 * adult passphrase with it. Fills the two fields when the screen asks for them.
 */
export async function fillAdultIfAsked(page: Page, pass = ADULT_PASS): Promise<void> {
  await page.locator('form[aria-busy="false"]').waitFor();
  if ((await page.locator('#adult-pass').count()) > 0) {
    await page.locator('#adult-pass').fill(pass);
    await page.locator('#adult-confirm').fill(pass);
  }
}

/**
 * At the adult gate (any adult screen): type the adult passphrase and unlock. On a device with
 * none yet (everything was just deleted, say), the gate asks an adult to set it: set `pass`.
 */
export async function unlockAdult(page: Page, pass = ADULT_PASS): Promise<void> {
  const gate = page.locator('[data-testid=adult-gate]');
  await gate.waitFor();
  await page.locator('#adult-pass').fill(pass);
  if ((await page.locator('#adult-confirm').count()) > 0) {
    await page.locator('#adult-confirm').fill(pass);
    await page.getByRole('button', { name: /^(Set the passphrase and go on|设置口令并继续)$/ }).click();
  } else {
    await page.getByRole('button', { name: /^(Unlock|解锁)$/ }).click();
  }
  await gate.waitFor({ state: 'detached' });
}

/**
 * From the picker of a fresh device: add a learner (the adult sets the passphrase if asked) and
 * wait for the first item. `add` and `create` are the two buttons' names in the page's language.
 * `origin`: the app's (the suite's preview server unless a test serves its own build).
 */
export async function addFirstLearner(
  page: Page,
  c: { readonly add: RegExp; readonly create: string },
  nickname: string,
  origin: string = ORIGIN,
): Promise<void> {
  await page.goto(`${origin}/`);
  await page.getByRole('button', { name: c.add }).click();
  await page.locator('#nickname').fill(nickname);
  await fillAdultIfAsked(page);
  await page.getByRole('button', { name: c.create, exact: true }).click();
  await page.locator('[data-item-id]').waitFor();
}
