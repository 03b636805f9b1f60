// Takes the install-dialog screenshots (static/screenshots) from a running demo workspace:
// `npm run demo`, then `BASE_URL=http://localhost:3000 node scripts/make-pwa-screenshots.mjs`.
import { chromium } from 'playwright-core';
const base = process.env.BASE_URL ?? 'http://localhost:3000';
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
for (const [name, viewport, scale] of [['console-wide', { width: 1280, height: 800 }, 1], ['console-narrow', { width: 390, height: 844 }, 2]]) {
  const ctx = await browser.newContext({ viewport, deviceScaleFactor: scale, locale: 'en-US' });
  const page = await ctx.newPage();
  await page.goto(`${base}/login`);
  await page.getByLabel('Email').fill('oliver.bennett@demo.switchboard');
  await page.getByLabel('Password').fill('demo-password-1');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(/\/inbox/);
  await page.getByRole('heading', { name: 'Mine' }).waitFor();
  const views = page.getByRole('button', { name: 'Open views' });
  if (viewport.width < 1280) await views.click();
  await page.getByRole('link', { name: /^All/ }).first().click();
  await page.locator('[data-conversation-id]').first().waitFor();
  await page.waitForTimeout(800);
  if (viewport.width > 1000) {
    await page.locator('[data-conversation-id]').nth(1).click();
    await page.waitForTimeout(1200);
  }
  await page.screenshot({ path: `static/screenshots/${name}.png` });
  await ctx.close();
}
await browser.close();
