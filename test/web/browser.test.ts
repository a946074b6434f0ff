import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpsServer } from '../../src/ops/http-server.js';
import { signLink } from '../../src/web/signed-link.js';
import { makeApp, type TestApp } from '../helpers/app.js';
import { LINK_SECRET, startWebServer } from './web-server.js';

// A real browser: Debian's Chromium driven by playwright-core. In CI it must be there (.ci/run
// installs it); elsewhere the file says loudly that it skipped.
const CHROMIUM = '/usr/bin/chromium';
const present = existsSync(CHROMIUM);
if (!present && process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run installs chromium, and CI must run the browser tests`);
if (!present) console.warn(`\n*** browser tests SKIPPED: ${CHROMIUM} is missing (apt-get install -y chromium) ***\n`);

/** Screenshots to look at, kept out of git. */
const SHOTS = 'test-output/screenshots';
const NOW = new Date('2026-03-02T01:00:00Z');
const nowSeconds = NOW.getTime() / 1000;

let app: TestApp;
let server: OpsServer;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  if (!present) return;
  mkdirSync(SHOTS, { recursive: true });
  app = makeApp({ now: NOW.toISOString() });
  server = await startWebServer(app);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await app?.dispose();
});

async function open(path: string, width = 390): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize({ width, height: 844 });
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.url}${path}`);
  (page as Page & { errors: string[] }).errors = errors;
  return page;
}

/** Whether this machine has a Chinese font of its own (fontconfig); Debian's test images have none. */
const systemCjkFont = (() => {
  try {
    return execFileSync('fc-list', [':lang=zh'], { encoding: 'utf8' }).trim() !== '';
  } catch {
    return false;
  }
})();

const signed = (learner: string, at = nowSeconds) => `/roadmap?${signLink(LINK_SECRET, learner, at)}`;

// A browser on a busy 2-core machine is slow to start pages: each test may take a minute.
describe.skipIf(!present)('in a browser', { timeout: 60_000 }, () => {
  it('a lesson page keeps an answer hidden until its question is clicked', async () => {
    const page = await open('/lessons/1');
    const answer = page.locator('details').first();
    await expect.poll(() => answer.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    await answer.locator('summary').click();
    expect(await answer.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    expect(await answer.locator('p').first().isVisible()).toBe(true);
    await page.close();
  });

  it('copies a code block to the clipboard and says Copied', async () => {
    const page = await open('/lessons/1');
    const block = page.locator('div.code').first();
    await block.locator('button.copy').click();
    await expect.poll(() => block.locator('button.copy').textContent()).toBe('Copied');
    const clipboard = await page.evaluate(() => navigator.clipboard.readText());
    expect(clipboard).toBe(await block.locator('code').textContent());
    expect(clipboard.length).toBeGreaterThan(0);
    await page.close();
  });

  it('runs the page without a Content-Security-Policy violation or script error', async () => {
    const page = await open('/lessons/2');
    await page.locator('div.code button.copy').first().click();
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
    await page.close();
  });

  it('marks a lesson done through a signed link, and /progress in the terminal chat shows it', async () => {
    const chat = app.chat('ada');
    expect(await chat.handle('/progress')).toMatch(/- 0 of \d+ lessons done/);
    const page = await open(signed('console:ada'));
    await page.locator('li[data-lesson="0"] button.mark').click();
    await page.waitForURL(/#lesson-0$/);
    expect(await page.locator('li[data-lesson="0"]').getAttribute('class')).toBe('done');
    expect(await page.locator('li[data-lesson="0"] .state').textContent()).toBe('✓ Done');
    expect(await chat.handle('/progress')).toMatch(/- 1 of \d+ lessons done/);
    await page.close();
  });

  it.each([
    ['a tampered signature', (url: string) => url.replace(/s=([\w-])/, (_m, c: string) => `s=${c === 'A' ? 'B' : 'A'}`), 'This link is not valid'],
    ['another learner under the signature', (url: string) => url.replace('console%3Abob', 'console%3Aeve'), 'This link is not valid'],
    ['an expired link', () => signed('console:bob', nowSeconds - 8 * 86400), 'This link has expired'],
  ])('with %s shows the public roadmap, offers no Mark done, and a forged post changes nothing', async (_name, tamper, notice) => {
    const chat = app.chat('bob');
    const before = await chat.handle('/progress');
    const page = await open(tamper(signed('console:bob')));
    expect(await page.locator('.notice').textContent()).toContain(notice);
    expect(await page.locator('button.mark').count()).toBe(0);
    // Posting the form by hand with the bad link is refused too.
    const query = new URL(page.url()).searchParams;
    const status = await page.evaluate(async (fields) => {
      const res = await fetch('/roadmap/done', { method: 'POST', body: new URLSearchParams({ ...fields, lesson: '0' }) });
      return res.status;
    }, Object.fromEntries(query));
    expect(status).toBe(403);
    expect(await chat.handle('/progress')).toBe(before);
    await page.close();
  });

  it.skipIf(systemCjkFont)('draws a Chinese page with the bot’s own font when the machine has no Chinese font', async () => {
    const page = await open('/lessons/1?lang=zh');
    const faces = await page.evaluate(async () => {
      await document.fonts.ready;
      return [...document.fonts].map((f) => `${f.family.replace(/"/g, '')}: ${f.status}`);
    });
    expect(faces).toContain('slowfast Noto Sans SC: loaded');
    // What Chromium actually drew each element's glyphs with: every Chinese character in the bot's font.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
    for (const selector of ['h1', 'p.meta', 'nav.toc strong', 'h2', 'section p']) {
      const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
      const text = (await page.locator(selector).first().textContent())!;
      const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
      const ours = fonts.find((f) => f.isCustomFont && f.familyName === 'Noto Sans SC')?.glyphCount ?? 0;
      expect(`${selector}: ${ours}`).toBe(`${selector}: ${text.match(/[\u2e80-\u9fff\uff00-\uffef]/gu)?.length ?? 0}`);
    }
    await page.screenshot({ path: `${SHOTS}/lesson-1-zh-font-390.png` });
    // No CSP refusal of the font (a browser's first page of a run also asks for /favicon.ico: a 404).
    expect((page as Page & { errors: string[] }).errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
    await page.close();
  });

  it.each([390, 1280])('takes screenshots at %i px wide without sideways scrolling', async (width) => {
    const pages = [['lesson-1', '/lessons/1'], ['lesson-1-zh', '/lessons/1?lang=zh'], ['roadmap', signed('console:ada')], ['roadmap-zh', `${signed('console:ada')}&lang=zh`]] as const;
    for (const [name, path] of pages) {
      const page = await open(path, width);
      await page.locator('details').first().evaluate((d) => d && ((d as HTMLDetailsElement).open = true)).catch(() => {});
      await page.evaluate(() => document.fonts.ready);
      await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: name === 'roadmap' });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.close();
    }
  }, 240_000);
});
