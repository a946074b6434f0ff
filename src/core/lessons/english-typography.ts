import { lineStarts, problemAt, toCells, type TypographyProblem } from './typography.js';

/**
 * English typography of a lesson file, held to what the English lessons already do (lessons/README.md,
 * "English typography"): ASCII punctuation only, straight quotes, `...` for an ellipsis, one space
 * between words. Code blocks, inline code, URLs and the front matter keys are left alone, as in the
 * Chinese check, whose reading of the file this shares.
 */
const FULL_WIDTH: Record<string, string> = { '，': ',', '。': '.', '：': ':', '；': ';', '（': '(', '）': ')', '？': '?', '！': '!', '、': ',' };
const CURLY: Record<string, string> = { '“': '"', '”': '"', '‘': "'", '’': "'" };

/** Every typography problem of an English lesson file, with its line and column (1-based). */
export function checkEnglishTypography(source: string): TypographyProblem[] {
  const cells = toCells(source);
  const starts = lineStarts(cells);
  const problems: TypographyProblem[] = [];
  const prose = (i: number) => cells[i]?.kind === 'prose';
  for (let i = 0; i < cells.length; i++) {
    if (!prose(i)) continue;
    const ch = cells[i]!.ch;
    const add = (message: string) => problems.push(problemAt(starts, i, message));
    if (FULL_WIDTH[ch]) add(`full-width "${ch}" in English prose: use "${FULL_WIDTH[ch]}"`);
    else if (CURLY[ch]) add(`curly quote "${ch}" in English prose: the lessons use straight quotes (${CURLY[ch]})`);
    else if (ch === '…') add('"…" in English prose: the lessons write "..."');
    else if (ch === ' ' && cells[i + 1]?.ch === ' ' && prose(i + 1) && /\S/.test(cells[i - 1]?.ch ?? '') && !isTableRow(cells, i)) {
      // Two spaces inside a line (not a Markdown hard break at its end, not a table's padding).
      let end = i;
      while (cells[end]?.ch === ' ') end++;
      if (cells[end] && cells[end]!.ch !== '\n') add('two spaces in English prose: use one');
      i = end - 1;
    }
  }
  return problems;
}

function isTableRow(cells: { ch: string }[], at: number): boolean {
  let i = at;
  while (i > 0 && cells[i - 1]!.ch !== '\n') i--;
  return cells[i]?.ch === '|';
}
