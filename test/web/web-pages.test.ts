import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpsServer } from '../../src/ops/http-server.js';
import { replyText } from '../../src/core/reply.js';
import { signLink } from '../../src/web/signed-link.js';
import { makeApp, type TestApp } from '../helpers/app.js';
import { LINK_SECRET, signInitData, startWebServer } from './web-server.js';

// The real lessons, copied, with a script tag and an HTML comment planted in lesson 1's first section.
const lessonsDir = mkdtempSync(join(tmpdir(), 'slowfast-web-lessons-'));
cpSync('lessons', lessonsDir, { recursive: true });
const file = join(lessonsDir, 'en', readdirSync(join(lessonsDir, 'en')).find((f) => f.startsWith('01-'))!);
// Also a javascript: link and a code block that tries to close its own <pre> and break out of its class attribute.
const planted = [
  'A <script>alert("owned")</script> tag and <b onclick="x()">bold</b>.',
  '[click me](javascript:alert(1)) and [data](data:text/html;base64,PHNjcmlwdD4=)',
  '```js" onmouseover="alert(3)\n</code></pre><script>alert(2)</script>\n```',
].join('\n\n');
writeFileSync(file, readFileSync(file, 'utf8').replace(/(\n## [^\n]+\n)/, `$1\n${planted}\n\n`));

let app: TestApp;
let server: OpsServer;
const NOW = new Date('2026-03-02T01:00:00Z');

beforeAll(async () => {
  app = makeApp({ lessonsDir, now: NOW.toISOString() });
  server = await startWebServer(app);
}, 120_000); // a search index of its own for the copied lessons: slow on a busy machine

afterAll(async () => {
  await server?.close();
  await app?.dispose();
  rmSync(lessonsDir, { recursive: true, force: true });
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.url}${path}`, { headers, redirect: 'manual' });
const post = (path: string, form: Record<string, string>) =>
  fetch(`${server.url}${path}`, { method: 'POST', body: new URLSearchParams(form), redirect: 'manual' });
const link = (learner: string, nowSeconds = NOW.getTime() / 1000, secret = LINK_SECRET) => Object.fromEntries(signLink(secret, learner, nowSeconds));

describe('a lesson page', () => {
  it.each([
    ['/lessons/1', 'en', 'Lesson 1 · '],
    ['/lessons/1?lang=zh', 'zh-Hans', '第 1 课 · '],
    ['/zh/lessons/1', 'zh-Hans', '第 1 课 · '],
  ])('%s is served in its language', async (path, lang, heading) => {
    const res = await get(path);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`<html lang="${lang}">`);
    expect(html).toContain(`<h1>${heading}`);
  });

  it('escapes HTML written in a lesson', async () => {
    const html = await (await get('/lessons/1')).text();
    expect(html).toContain('A &lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt; tag and &lt;b onclick=&quot;x()&quot;&gt;bold&lt;/b&gt;.');
    expect(html).not.toMatch(/<script>alert/);
    expect(html.match(/<script\b/g)).toHaveLength(1); // only the page's own script file
  });

  it('refuses javascript: and data: links written in a lesson', async () => {
    const html = await (await get('/lessons/1')).text();
    expect(html).toContain('click me');
    expect(html).not.toMatch(/href="(javascript|data):/i);
  });

  it('keeps a code block that tries to break out of itself as text', async () => {
    const html = await (await get('/lessons/1')).text();
    expect(html).toContain('<pre><code>&lt;/code&gt;&lt;/pre&gt;&lt;script&gt;alert(2)&lt;/script&gt;\n</code></pre>');
    expect(html).not.toContain('onmouseover');
  });

  it('has a table of contents, copyable code, answers behind <details>, and links before and after', async () => {
    const html = await (await get('/lessons/1')).text();
    expect(html).toMatch(/<nav class="toc"[^>]*><strong>Contents<\/strong><ol><li><a href="#s-why">Why it matters<\/a><\/li>/);
    expect(html).toMatch(/<div class="code"><button type="button" class="copy" data-copied="Copied">Copy<\/button><pre><code/);
    expect(html).toMatch(/<details><summary>Show answer<\/summary>/);
    expect(html).toMatch(/<a rel="prev" href="\/lessons\/0">/);
    expect(html).toMatch(/<a rel="next" href="\/lessons\/2">/);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
  });

  it('is sent with a strict Content-Security-Policy and no external origin', async () => {
    const res = await get('/lessons/1');
    expect(res.headers.get('content-security-policy')).toMatch(/^default-src 'none'; script-src 'self'; style-src 'self';/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).not.toMatch(/(src|href)="(https?:)?\/\/(?!.*rel="noopener)/);
  });

  it('answers 304 to a browser that has it (ETag)', async () => {
    const first = await get('/lessons/2');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await get('/lessons/2', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('answers 304 to a weak validator of the same page, and the whole page to a stale one', async () => {
    const etag = (await get('/lessons/3')).headers.get('etag')!;
    expect((await get('/lessons/3', { 'if-none-match': `W/${etag}` })).status).toBe(304);
    const stale = await get('/lessons/3', { 'if-none-match': '"not-this-one"' });
    expect(stale.status).toBe(200);
    expect(await stale.text()).toContain('<h1>Lesson 3 · ');
  });

  it('answers HEAD with the headers and no body', async () => {
    const res = await fetch(`${server.url}/lessons/3`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(Number(res.headers.get('content-length'))).toBeGreaterThan(1000);
    expect(await res.text()).toBe('');
  });

  it.each([['/lessons/9999'], ['/lessons/abc'], ['/nothing-here']])('%s is not found', async (path) => {
    expect((await get(path)).status).toBe(404);
  });

  it.each([['/assets/page.css', 'text/css'], ['/assets/page.js', 'text/javascript']])('%s is served from this origin', async (path, type) => {
    const res = await get(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain(type);
  });
});

describe('the pages’ Chinese font', () => {
  const fontPath = async () => /url\("(\/assets\/fonts\/noto-sans-sc-[\w-]+\.woff2)"\)/.exec(await (await get('/assets/page.css')).text())?.[1];

  it('is named by the stylesheet at an address of its own bytes, after the device’s own Chinese fonts, for CJK only', async () => {
    const css = await (await get('/assets/page.css')).text();
    expect(await fontPath()).toBeDefined();
    expect(css).toMatch(/@font-face \{\s*font-family: "slowfast Noto Sans SC";\s*src: local\("PingFang SC"\),[^}]*local\("Noto Sans CJK SC"\),[^}]*url\("\/assets\/fonts\/noto-sans-sc-[\w-]+\.woff2"\) format\("woff2"\);[^}]*unicode-range: U\+2E80-9FFF/);
    expect(css).toMatch(/font: 17px\/1\.6 "slowfast Noto Sans SC", system-ui,/);
  });

  it('is served from this origin as WOFF2, cached for a year', async () => {
    const res = await get((await fontPath())!);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('font/woff2');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(Buffer.from(await res.arrayBuffer()).toString('latin1', 0, 4)).toBe('wOF2');
  });

  it('answers 304 to a browser that has it', async () => {
    const path = (await fontPath())!;
    const etag = (await get(path)).headers.get('etag')!;
    expect((await get(path, { 'if-none-match': etag })).status).toBe(304);
  });

  it('is allowed by the Content-Security-Policy from this origin only', async () => {
    expect((await get('/lessons/1?lang=zh')).headers.get('content-security-policy')).toContain("font-src 'self'");
  });

  it('comes with its licence', async () => {
    expect(await (await get('/assets/fonts/OFL.txt')).text()).toContain('SIL OPEN FONT LICENSE Version 1.1');
  });
});

describe('/roadmap', () => {
  it('without a link is the public roadmap: every section, no forms', async () => {
    const html = await (await get('/roadmap')).text();
    expect(html).toContain('<h2>Virtualization</h2>');
    expect(html).not.toContain('<form');
  });

  it('with a signed link shows the learner’s progress and a Mark done form per lesson not done', async () => {
    await app.core.text({ platform: 'telegram', userId: '41', chatId: '41', chatKind: 'private', canManageChat: true }, '/done 0');
    const html = await (await get(`/roadmap?${new URLSearchParams(link('telegram:41'))}`)).text();
    expect(html).toContain('Your progress: 1 of');
    expect(html).toMatch(/<li class="done" data-lesson="0">.*?✓ Done/);
    expect(html).toMatch(/<li class="current" data-lesson="1">.*?<button class="mark" type="submit">Mark done<\/button>/);
  });

  it('with a signed link is never cached (no ETag, no-store), since the address carries the learner', async () => {
    const res = await get(`/roadmap?${new URLSearchParams(link('telegram:46'))}`);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('etag')).toBeNull();
  });

  it.each([
    ['the public roadmap', () => get('/roadmap')],
    ['a signed roadmap', () => get(`/roadmap?${new URLSearchParams(link('telegram:46'))}`)],
    ['a page that is not there', () => get('/lessons/9999')],
    ['a refused Mark done', () => post('/roadmap/done', { lesson: '1' })],
  ])('sends %s with the Content-Security-Policy', async (_name, request) => {
    const res = await request();
    expect(res.headers.get('content-security-policy')).toMatch(/^default-src 'none'; script-src 'self';.*frame-ancestors 'self' https:\/\/web\.telegram\.org$/);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('answers a Mark done too large to be one of its forms with 413, changing nothing, and keeps serving', async () => {
    const res = await post('/roadmap/done', { ...link('telegram:47'), lesson: '2', padding: 'x'.repeat(64 * 1024) });
    expect(res.status).toBe(413);
    expect(await app.store.listDone('telegram:47')).toEqual([]);
    expect((await get('/roadmap')).status).toBe(200);
  });

  it('marks a lesson done through the signed form, in the same store as /done in chat', async () => {
    const res = await post('/roadmap/done', { ...link('telegram:42'), lesson: '3' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/^\/roadmap\?u=telegram%3A42&e=\d+&s=[\w-]+#lesson-3$/);
    const progress = await app.core.text({ platform: 'telegram', userId: '42', chatId: '42', chatKind: 'private', canManageChat: true }, '/progress');
    expect(replyText(progress)).toMatch(/^Your progress\n\n- 1 of \d+ lessons done/);
  });

  it.each<[string, Record<string, string>]>([
    ['a forged signature', { ...link('telegram:43'), s: 'AAAA' }],
    ['another learner under the signature', { ...link('telegram:43'), u: 'telegram:44' }],
    ['an expired link', link('telegram:43', NOW.getTime() / 1000 - 8 * 24 * 3600)],
    ['a link signed with another secret', link('telegram:43', undefined, 'other-secret')],
    ['no link at all', {}],
  ])('refuses Mark done with %s (403) and changes nothing', async (_name, fields) => {
    const res = await post('/roadmap/done', { ...fields, lesson: '5' });
    expect(res.status).toBe(403);
    expect(await app.store.listDone(fields.u ?? 'telegram:43')).toEqual([]);
  });

  it.each([
    ['forged', { ...link('telegram:45'), s: 'AAAA' }, 'This link is not valid'],
    ['expired', link('telegram:45', NOW.getTime() / 1000 - 8 * 24 * 3600), 'This link has expired'],
  ])('shows the public roadmap for a %s link, saying so', async (_name, fields, notice) => {
    const html = await (await get(`/roadmap?${new URLSearchParams(fields)}`)).text();
    expect(html).toContain(notice);
    expect(html).not.toContain('<form');
  });
});

describe('POST /webapp/session (a Telegram Mini App)', () => {
  const session = (initData: string) =>
    fetch(`${server.url}/webapp/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ initData }) });
  const user = JSON.stringify({ id: 77, first_name: 'Li' });

  it('turns genuine initData into the learner’s signed roadmap link, which shows their page', async () => {
    const res = await session(signInitData({ auth_date: String(NOW.getTime() / 1000 - 60), user }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { learner: string; roadmap: string };
    expect(body.learner).toBe('telegram:77');
    expect(await (await get(body.roadmap)).text()).toContain('Your progress: 0 of');
  });

  it.each([
    ['signed with another token', signInitData({ auth_date: String(NOW.getTime() / 1000 - 60), user }, '1:other')],
    ['two days old', signInitData({ auth_date: String(NOW.getTime() / 1000 - 2 * 86400), user })],
    ['not initData at all', 'hello'],
  ])('refuses initData %s (403)', async (_name, initData) => {
    expect((await session(initData)).status).toBe(403);
  });

  it('answers initData too large to be Telegram\'s with 413', async () => {
    const res = await session(`${signInitData({ auth_date: String(NOW.getTime() / 1000 - 60), user })}&pad=${'x'.repeat(64 * 1024)}`);
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: 'too-large' });
  });
});
