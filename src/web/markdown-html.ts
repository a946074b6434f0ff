import markdownIt, { type MarkdownIt } from 'markdown-it';

/**
 * Lesson Markdown as HTML for the web pages. `html: false` escapes any HTML in a lesson (a
 * `<script>` in the text shows as text); markdown-it's own link check refuses javascript: and
 * data: URLs. Fenced code gets a copy button (wired by assets/page.js); ```text expected``` blocks
 * get the "Expected output" label the chat views give them.
 */
export interface MarkdownLabels {
  copy: string;
  copied: string;
  expectedOutput: string;
}

export function createMarkdown(labels: MarkdownLabels): MarkdownIt {
  const md = markdownIt({ html: false, linkify: false, typographer: false });
  md.renderer.rules.fence = (tokens, idx) => {
    const token = tokens[idx]!;
    const [lang = '', ...rest] = token.info.trim().split(/\s+/);
    const safeLang = /^[\w+-]+$/.test(lang) ? lang : '';
    const label = lang === 'text' && rest[0] === 'expected' ? `<p class="expected">${escapeHtml(labels.expectedOutput)}</p>` : '';
    const cls = safeLang ? ` class="language-${safeLang}"` : '';
    return (
      `${label}<div class="code"><button type="button" class="copy" data-copied="${escapeHtml(labels.copied)}">${escapeHtml(labels.copy)}</button>` +
      `<pre><code${cls}>${escapeHtml(token.content)}</code></pre></div>\n`
    );
  };
  const defaultLink = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    const href = String(tokens[idx]!.attrGet('href') ?? '');
    // Outside links open without telling the other site where the reader came from (a signed link may be in the address).
    if (/^https?:/i.test(href)) tokens[idx]!.attrSet('rel', 'noopener noreferrer');
    return defaultLink(tokens, idx, options, env, self);
  };
  return md;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}
