import { chromium } from 'playwright-core';
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
const page = await browser.newPage();
const lantern = (pad) =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="100%" height="100%"><rect width="64" height="64" ${pad ? '' : 'rx="14"'} fill="#b45309"/><g transform="translate(32 32) scale(${pad ? 0.7 : 1}) translate(-32 -32)"><path d="M24 14h16v5H24z" fill="#fde68a"/><path d="M21 20h22l-3 28H24z" fill="#fef3c7"/><circle cx="32" cy="34" r="7" fill="#f59e0b"/><path d="M22 50h20v4H22z" fill="#fde68a"/></g></svg>`;
for (const [name, size, pad] of [
  ['icon-192', 192, false],
  ['icon-512', 512, false],
  ['maskable-512', 512, true],
]) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(`<html><body style="margin:0;background:transparent">${lantern(pad)}</body></html>`);
  await page.screenshot({ path: `public/icons/${name}.png`, omitBackground: true });
}
await browser.close();
