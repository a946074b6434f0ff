import { parseInline } from '../../core/inline.js';
import type { Reply } from '../../core/reply.js';

/** A Reply as terminal text. Buttons become numbered choices; the caller keeps their actions. */
export function renderText(reply: Reply): { text: string; actions: string[] } {
  const out: string[] = [];
  if (reply.title) out.push(`== ${reply.title} ==`);
  for (const b of reply.blocks) {
    switch (b.kind) {
      case 'heading':
        out.push(`-- ${b.text} --`);
        break;
      case 'paragraph':
        out.push(inline(b.text));
        break;
      case 'list':
        out.push(b.items.map((item, i) => `${b.ordered ? `${i + 1}.` : '-'} ${inline(item)}`).join('\n'));
        break;
      case 'code':
        out.push(b.text.split('\n').map((l) => `    ${l}`).join('\n'));
        break;
      case 'spoiler':
        out.push(`  answer: ${inline(b.text)}`);
        break;
    }
  }
  const actions: string[] = [];
  const rows = reply.buttons.map((row) =>
    row.map((button) => {
      actions.push(button.action);
      return button.url ? `[${actions.length}] ${button.label} (${button.url})` : `[${actions.length}] ${button.label}`;
    }).join('  '),
  );
  if (rows.length) out.push(rows.join('\n'));
  return { text: out.join('\n\n'), actions };
}

function inline(text: string): string {
  return parseInline(text).map((s) => (s.href ? `${s.text} (${s.href})` : s.code ? `\`${s.text}\`` : s.text)).join('');
}
