/**
 * The progress picture as SVG: the roadmap as a map of its sections (one cell per lesson, coloured
 * done, current or remaining), a line with the summary and streak, and a 12-week heatmap of study
 * days. Pure and platform-free; src/web/render-png.ts turns it into PNG bytes.
 * The font is the project's Noto Sans SC subset (assets/fonts), so Chinese labels render anywhere.
 */

/** A learner's cell is done, current or remaining; a group's may also be done by some of its members. */
export type CellState = 'done' | 'some' | 'current' | 'remaining';

/** The legend's order, left to right: states the model has no label for are left out. */
const LEGEND_ORDER: readonly CellState[] = ['done', 'some', 'current', 'remaining'];

export interface PictureModel {
  title: string;
  /** Summary and streak, under the title. */
  subtitle: string;
  /** `note` (the group picture: members done, "3/5"), written small under the lesson's number. */
  stages: { title: string; lessons: { id: number; state: CellState; note?: string }[] }[];
  legend: Partial<Record<CellState, string>>;
  /** Oldest first, ending today; dates YYYY-MM-DD. */
  heatmap?: { label: string; days: { date: string; studied: boolean }[] };
}

export const PICTURE_COLOURS = {
  done: '#2f9e44',
  some: '#b2f2bb',
  current: '#f59f00',
  remaining: '#dee2e6',
  studied: '#2f9e44',
  idle: '#e9ecef',
  background: '#ffffff',
  text: '#212529',
  muted: '#6c757d',
} as const;

export const PICTURE_FONT = 'Noto Sans SC';

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface PictureLayout {
  width: number;
  height: number;
  /** Where each lesson's cell is, by lesson id. */
  cells: Map<number, Rect & { state: CellState; note?: string }>;
  stageLabels: { text: string; x: number; y: number }[];
  /** Heatmap squares by date. */
  days: Map<string, Rect & { studied: boolean }>;
  heatmapLabelY?: number;
  legendY: number;
}

const WIDTH = 800;
const PAD = 24;
const CELL = { w: 38, h: 30, gap: 6 };
/** A cell with a note under its number is taller, so both read at phone size. */
const COUNTED_CELL_H = 46;
const DAY = { size: 13, gap: 3 };

/** Positions of everything; the SVG and the tests that read pixels both use it. */
export function layoutPicture(m: PictureModel): PictureLayout {
  const perRow = Math.floor((WIDTH - 2 * PAD + CELL.gap) / (CELL.w + CELL.gap));
  const counted = m.stages.some((s) => s.lessons.some((l) => l.note !== undefined));
  const cellH = counted ? COUNTED_CELL_H : CELL.h;
  const cells: PictureLayout['cells'] = new Map();
  const stageLabels: PictureLayout['stageLabels'] = [];
  let y = 96;
  for (const stage of m.stages) {
    stageLabels.push({ text: stage.title, x: PAD, y: y + 14 });
    y += 22;
    stage.lessons.forEach((l, i) => {
      const row = Math.floor(i / perRow);
      cells.set(l.id, { x: PAD + (i % perRow) * (CELL.w + CELL.gap), y: y + row * (cellH + CELL.gap), w: CELL.w, h: cellH, state: l.state, ...(l.note !== undefined ? { note: l.note } : {}) });
    });
    y += Math.ceil(stage.lessons.length / perRow) * (cellH + CELL.gap) + 10;
  }
  const days: PictureLayout['days'] = new Map();
  let heatmapLabelY: number | undefined;
  if (m.heatmap?.days.length) {
    heatmapLabelY = y + 18;
    const top = y + 28;
    const first = m.heatmap.days[0]!.date;
    const offset = weekday(first);
    m.heatmap.days.forEach((d, i) => {
      const column = Math.floor((i + offset) / 7);
      const row = (i + offset) % 7;
      days.set(d.date, { x: PAD + column * (DAY.size + DAY.gap), y: top + row * (DAY.size + DAY.gap), w: DAY.size, h: DAY.size, studied: d.studied });
    });
    y = top + 7 * (DAY.size + DAY.gap) + 4;
  }
  const legendY = y + 22;
  return { width: WIDTH, height: legendY + 20, cells, stageLabels, days, heatmapLabelY, legendY };
}

export function progressPictureSvg(m: PictureModel): string {
  const l = layoutPicture(m);
  const c = PICTURE_COLOURS;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${l.width}" height="${l.height}" viewBox="0 0 ${l.width} ${l.height}" font-family="${PICTURE_FONT}">`,
    `<rect width="${l.width}" height="${l.height}" fill="${c.background}"/>`,
    text(PAD, 44, m.title, 26, c.text),
    text(PAD, 74, fitText(m.subtitle, 15, l.width - 2 * PAD), 15, c.muted),
  ];
  for (const s of l.stageLabels) out.push(text(s.x, s.y, s.text, 15, c.text));
  for (const [id, r] of l.cells) {
    out.push(`<rect x="${r.x}" y="${r.y}" width="${r.w}" height="${r.h}" rx="5" fill="${c[r.state]}"/>`);
    const ink = r.state === 'remaining' || r.state === 'some' ? c.text : '#ffffff';
    out.push(text(r.x + r.w / 2, r.y + 20, String(id), 13, ink, 'middle'));
    if (r.note !== undefined) out.push(text(r.x + r.w / 2, r.y + 38, r.note, r.note.length > 4 ? 10 : 12, ink, 'middle'));
  }
  if (l.heatmapLabelY !== undefined) out.push(text(PAD, l.heatmapLabelY, m.heatmap!.label, 14, c.text));
  for (const r of l.days.values()) out.push(`<rect x="${r.x}" y="${r.y}" width="${r.w}" height="${r.h}" rx="2" fill="${r.studied ? c.studied : c.idle}"/>`);
  let x = PAD;
  for (const state of LEGEND_ORDER) {
    const label = m.legend[state];
    if (label === undefined) continue;
    out.push(`<rect x="${x}" y="${l.legendY - 11}" width="14" height="14" rx="3" fill="${c[state]}"/>`);
    out.push(text(x + 20, l.legendY, label, 13, c.muted));
    x += 20 + labelWidth(label, 13) + 28;
  }
  out.push('</svg>');
  return out.join('\n');
}

/** About how wide a label draws: a Chinese character is square, a Latin one a bit over half as wide. */
function labelWidth(label: string, size: number): number {
  return [...label].reduce((w, ch) => w + (/[\u2e80-\uffef]/u.test(ch) ? size : size * 0.56), 0);
}

/** The label, cut with "…" where it would run past `width` (a long lesson title in a subtitle). */
export function fitText(label: string, size: number, width: number): string {
  if (labelWidth(label, size) <= width) return label;
  const chars = [...label];
  while (chars.length && labelWidth(`${chars.join('')}…`, size) > width) chars.pop();
  return `${chars.join('').trimEnd()}…`;
}

function text(x: number, y: number, body: string, size: number, fill: string, anchor?: 'middle'): string {
  const a = anchor ? ` text-anchor="${anchor}"` : '';
  return `<text x="${x}" y="${y}" font-size="${size}" fill="${fill}"${a}>${escapeXml(body)}</text>`;
}

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** Monday 0 … Sunday 6, so a heatmap column is a week from Monday. */
function weekday(date: string): number {
  return (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
}
