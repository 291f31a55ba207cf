// Screenshots of the built app for review: node scripts/screenshot.mjs <url> <out.png> [width] [height] [fullPage]
import { chromium } from '@playwright/test';

const [url, out, width = '1280', height = '800', full = ''] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
const page = await browser.newPage({ viewport: { width: Number(width), height: Number(height) } });
page.on('console', (m) => console.log(`[console.${m.type()}] ${m.text()}`));
await page.goto(url);
await page.waitForSelector('[data-testid=chart][data-drawn]');
await page.screenshot({ path: out, fullPage: full === 'full' });
await browser.close();
