// Renders the PWA icons (static/icons/*.png) from the logo with Debian's Chromium. The PNGs are
// committed; run this again only when the logo changes: `node scripts/make-pwa-assets.mjs`.
import fs from 'node:fs';
import { chromium } from 'playwright-core';

const mark = `
  <g fill="none" stroke="#fff" stroke-width="2.2" stroke-linecap="round">
    <path d="M9 10c7 0 7 12 14 12"/><path d="M9 22c7 0 7-12 14-12" opacity=".7"/>
  </g>
  <g fill="#fff">
    <circle cx="8" cy="10" r="2.4"/><circle cx="8" cy="22" r="2.4"/>
    <circle cx="24" cy="10" r="2.4"/><circle cx="24" cy="22" r="2.4"/>
  </g>`;
// "any" icons: the rounded tile. Maskable: full-bleed colour, the mark inside the 80% safe zone.
const rounded = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#2b5bc8"/>${mark}</svg>`;
const maskable = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" fill="#2b5bc8"/><g transform="translate(6.4 6.4) scale(.6)">${mark}</g></svg>`;

const outputs = [
  ['icon-192.png', rounded, 192],
  ['icon-512.png', rounded, 512],
  ['maskable-512.png', maskable, 512],
  ['apple-touch-icon.png', maskable, 180],
];

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
for (const [name, svg, size] of outputs) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`);
  fs.writeFileSync(`static/icons/${name}`, await page.screenshot({ omitBackground: true }));
  console.log(`static/icons/${name}`);
}
await browser.close();
