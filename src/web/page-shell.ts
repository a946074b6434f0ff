import type { Locale } from '../core/i18n/locale.js';
import { escapeHtml } from './markdown-html.js';

/**
 * The HTML document every page shares: phone-first viewport, the stylesheet and the one script from
 * this server (the Content-Security-Policy allows nothing else), and a language link.
 */
export function pageShell(o: { locale: Locale; title: string; body: string; otherLanguage?: { href: string; label: string } }): string {
  const other = o.otherLanguage ? `<a class="lang" href="${escapeHtml(o.otherLanguage.href)}" hreflang="${o.locale === 'zh' ? 'en' : 'zh'}">${escapeHtml(o.otherLanguage.label)}</a>` : '';
  return `<!doctype html>
<html lang="${o.locale === 'zh' ? 'zh-Hans' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(o.title)}</title>
<link rel="stylesheet" href="/assets/page.css">
<script src="/assets/page.js" defer></script>
</head>
<body>
<header class="top"><a href="/roadmap${o.locale === 'zh' ? '?lang=zh' : ''}">slowfast</a>${other}</header>
<main>
${o.body}
</main>
</body>
</html>
`;
}
