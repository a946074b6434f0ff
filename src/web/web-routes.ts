import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { action } from '../core/actions.js';
import type { BotCore } from '../core/bot-core.js';
import type { Caller } from '../core/command.js';
import type { Locale } from '../core/i18n/locale.js';
import { translator } from '../core/i18n/strings.js';
import { standing } from '../core/study/progress.js';
import { lessonPage } from './lesson-page.js';
import { escapeHtml } from './markdown-html.js';
import { pageShell } from './page-shell.js';
import { roadmapPage } from './roadmap-page.js';
import { checkLink, signLink } from './signed-link.js';
import { checkInitData } from './telegram-init-data.js';

export interface WebOptions {
  core: BotCore;
  /** Signs and checks roadmap links; without it /roadmap is public only. */
  linkSecret?: string;
  /** The Telegram bot token, to check a Mini App's initData; without it /webapp/session refuses. */
  telegramToken?: string;
}

/** Handles a request if it is one of the pages; false leaves it to the caller (a 404). */
export type WebHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

/**
 * Nothing but this server's own files: no inline script or style, no other origin, no plugins.
 * Telegram's web client shows a Mini App in a frame, so it may frame the pages.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'self' https://web.telegram.org",
].join('; ');

/** The pages' Chinese fallback font (scripts/subset-font.mjs makes it; SIL OFL 1.1, beside it as OFL.txt). */
export const PAGE_FONT_FILE = fileURLToPath(new URL('../../assets/fonts/noto-sans-sc-web.woff2', import.meta.url));
const FONT_DIR = new URL('../../assets/fonts/', import.meta.url);

/** A body's ETag: a hash of its bytes. */
function etagOf(body: string | Buffer): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

const font = readFileSync(PAGE_FONT_FILE);
/**
 * The font's address carries a hash of its bytes, so it can be cached for a year: a new subset
 * gets a new address, and the stylesheet (cached an hour) names it.
 */
export const PAGE_FONT_PATH = `/assets/fonts/noto-sans-sc-${etagOf(font).slice(1, 13)}.woff2`;
const css = readFileSync(new URL('./assets/page.css', import.meta.url), 'utf8').replace('/assets/fonts/noto-sans-sc.woff2', PAGE_FONT_PATH);

const HOUR = 'public, max-age=3600';
const YEAR = 'public, max-age=31536000, immutable';
const ASSETS: Record<string, { type: string; body: string | Buffer; cache: string }> = {
  '/assets/page.css': { type: 'text/css; charset=utf-8', body: css, cache: HOUR },
  '/assets/page.js': { type: 'text/javascript; charset=utf-8', body: readFileSync(new URL('./assets/page.js', import.meta.url), 'utf8'), cache: HOUR },
  [PAGE_FONT_PATH]: { type: 'font/woff2', body: font, cache: YEAR },
  '/assets/fonts/OFL.txt': { type: 'text/plain; charset=utf-8', body: readFileSync(new URL('OFL.txt', FONT_DIR), 'utf8'), cache: HOUR },
};

/** A form or JSON body larger than this is not one of ours. */
const MAX_BODY = 8 * 1024;
/**
 * Past MAX_BODY the rest is read and dropped, so the sender gets its 413 rather than a reset
 * connection; past this much it is not a browser's mistake, and the connection goes.
 */
const MAX_DRAIN = 1024 * 1024;

/** A body over MAX_BODY: answered 413. */
class BodyTooLarge extends Error {}

/** The lesson pages, the roadmap (public, or one learner's through a signed link) and the Mini App session. */
export function createWebHandler(o: WebOptions): WebHandler {
  const { library } = o.core.services;
  const nowSeconds = () => o.core.services.clock().getTime() / 1000;
  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    const get = req.method === 'GET' || req.method === 'HEAD';
    const asset = ASSETS[path];
    if (asset && get) return sendCached(req, res, asset.type, asset.body, asset.cache);
    const lessonMatch = /^(\/zh)?\/lessons\/(\d{1,6})\/?$/.exec(path);
    if (lessonMatch && get) {
      const locale: Locale = lessonMatch[1] || url.searchParams.get('lang') === 'zh' ? 'zh' : 'en';
      const found = library.lookup(Number(lessonMatch[2]));
      if (found.kind !== 'lesson') return sendPage(res, 404, notFound(locale));
      if (found.redirectedFrom !== undefined) return redirect(res, 301, `/lessons/${found.lesson.entry.id}${locale === 'zh' ? '?lang=zh' : ''}`);
      return sendCached(req, res, 'text/html; charset=utf-8', lessonPage(library, found.lesson, locale), 'public, max-age=300');
    }
    const locale: Locale = url.searchParams.get('lang') === 'zh' ? 'zh' : 'en';
    if (path === '/roadmap' && get) return roadmap(req, res, url.searchParams, locale);
    if (path === '/roadmap/done' && req.method === 'POST') return markDone(req, res);
    if (path === '/webapp/session' && req.method === 'POST') return session(req, res);
    return false;
  };

  async function roadmap(req: IncomingMessage, res: ServerResponse, query: URLSearchParams, locale: Locale): Promise<true> {
    const check = checkLink(o.linkSecret ?? '', query, nowSeconds());
    if (check.ok) {
      const caller = callerOf(check.claim.learner);
      const learner = await o.core.learner(caller);
      const mine = await standing(library, o.core.services.store, learner);
      const link = new URLSearchParams({ u: check.claim.learner, e: String(check.claim.expires), s: query.get('s')! });
      return sendPage(res, 200, roadmapPage(library, locale, { standing: mine, link, expires: new Date(check.claim.expires * 1000) }));
    }
    if (check.why === 'missing') return sendCached(req, res, 'text/html; charset=utf-8', roadmapPage(library, locale), 'public, max-age=300');
    const t = translator(locale);
    return sendPage(res, 200, roadmapPage(library, locale, undefined, t(check.why === 'expired' ? 'web.linkExpired' : 'web.linkForged')));
  }

  async function markDone(req: IncomingMessage, res: ServerResponse): Promise<true> {
    const body = await readBody(req).catch((err: unknown) => err);
    const form = new URLSearchParams(typeof body === 'string' ? body : '');
    const locale: Locale = form.get('lang') === 'zh' ? 'zh' : 'en';
    if (body instanceof BodyTooLarge) return sendPage(res, 413, message(locale, translator(locale)('web.tooLarge')));
    const check = checkLink(o.linkSecret ?? '', form, nowSeconds());
    if (!check.ok) return sendPage(res, 403, message(locale, translator(locale)('web.forbidden')));
    const id = Number(form.get('lesson'));
    if (!/^\d{1,6}$/.test(form.get('lesson') ?? '') || library.lookup(id).kind !== 'lesson') return sendPage(res, 404, notFound(locale));
    // The same path as pressing "Done" in the chat: the core marks it, schedules its reviews, counts the day.
    await o.core.press(callerOf(check.claim.learner), action.done(id));
    const back = new URLSearchParams({ u: check.claim.learner, e: String(check.claim.expires), s: form.get('s')! });
    if (locale === 'zh') back.set('lang', 'zh');
    return redirect(res, 303, `/roadmap?${back}#lesson-${id}`);
  }

  async function session(req: IncomingMessage, res: ServerResponse): Promise<true> {
    let initData = '';
    try {
      const body = JSON.parse(await readBody(req)) as { initData?: unknown };
      if (typeof body.initData === 'string') initData = body.initData;
    } catch (err) {
      if (err instanceof BodyTooLarge) return sendJson(res, 413, { error: 'too-large' });
      // Not JSON: refused below like any other bad initData.
    }
    const check = checkInitData(initData, o.telegramToken ?? '', nowSeconds());
    if (!check.ok || !o.linkSecret) return sendJson(res, 403, { error: check.ok ? 'no-secret' : check.why });
    const learner = `telegram:${check.user.id}`;
    const link = signLink(o.linkSecret, learner, nowSeconds());
    return sendJson(res, 200, { learner, roadmap: `/roadmap?${link}` });
  }
}

/** The caller a signed learner key stands for: a private chat on their platform, as a button press there. */
function callerOf(learner: string): Caller {
  const at = learner.indexOf(':');
  const platform = at > 0 ? learner.slice(0, at) : 'web';
  const userId = at > 0 ? learner.slice(at + 1) : learner;
  return { platform, userId, chatId: userId, chatKind: 'private', canManageChat: false };
}

function notFound(locale: Locale): string {
  return message(locale, translator(locale)('web.notFound'));
}

function message(locale: Locale, text: string): string {
  return pageShell({ locale, title: 'slowfast', body: `<p class="notice">${escapeHtml(text)}</p>` });
}

function baseHeaders(type: string): Record<string, string> {
  return { 'content-type': type, 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' };
}

/** Public pages and files: an ETag of the body, and 304 when the browser already has it. */
function sendCached(req: IncomingMessage, res: ServerResponse, type: string, body: string | Buffer, cacheControl: string): true {
  const etag = etagOf(body);
  const headers = { ...baseHeaders(type), etag, 'cache-control': cacheControl };
  const seen = String(req.headers['if-none-match'] ?? '').split(',').map((s) => s.trim().replace(/^W\//, ''));
  if (seen.includes(etag) || seen.includes('*')) {
    res.writeHead(304, headers).end();
    return true;
  }
  res.writeHead(200, { ...headers, 'content-length': Buffer.byteLength(body) });
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}

/** A page about one learner (or an error): never cached, since the address carries their link. */
function sendPage(res: ServerResponse, status: number, body: string): true {
  res.writeHead(status, { ...baseHeaders('text/html; charset=utf-8'), 'cache-control': 'no-store', 'content-length': Buffer.byteLength(body) });
  res.end(body);
  return true;
}

function sendJson(res: ServerResponse, status: number, body: unknown): true {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...baseHeaders('application/json'), 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) });
  res.end(text);
  return true;
}

function redirect(res: ServerResponse, status: 301 | 303, location: string): true {
  res.writeHead(status, { location, 'cache-control': 'no-store', 'content-length': 0 }).end();
  return true;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
      else if (size > MAX_DRAIN) {
        reject(new BodyTooLarge());
        req.destroy();
      }
    });
    req.on('end', () => (size > MAX_BODY ? reject(new BodyTooLarge()) : resolve(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}
