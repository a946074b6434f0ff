import { PNG } from 'pngjs';
import { PICTURE_COLOURS, type CellState } from '../../src/core/views/progress-picture-svg.js';

/** A decoded PNG and a way to name the colour at a pixel, as someone looking at it would. */
export interface DecodedPng {
  width: number;
  height: number;
  hex(x: number, y: number): string;
}

export function decodePng(bytes: Uint8Array): DecodedPng {
  const png = PNG.sync.read(Buffer.from(bytes));
  return {
    width: png.width,
    height: png.height,
    hex(x, y) {
      const i = (png.width * y + x) * 4;
      return `#${[0, 1, 2].map((k) => png.data[i + k]!.toString(16).padStart(2, '0')).join('')}`;
    },
  };
}

const CELL_COLOURS: Record<string, CellState> = {
  [PICTURE_COLOURS.done]: 'done',
  [PICTURE_COLOURS.some]: 'some',
  [PICTURE_COLOURS.current]: 'current',
  [PICTURE_COLOURS.remaining]: 'remaining',
};

/**
 * Reads the first row of lesson cells left to right: finds the topmost line holding a cell colour,
 * steps a few pixels into the cells (above their numbers) and names each run of a cell colour.
 */
export function firstCellRow(png: DecodedPng): string[] {
  let top = -1;
  for (let y = 0; y < png.height && top < 0; y++) {
    for (let x = 0; x < png.width && top < 0; x++) if (CELL_COLOURS[png.hex(x, y)]) top = y;
  }
  if (top < 0) return [];
  const y = top + 6;
  const cells: string[] = [];
  let previous: string | undefined;
  for (let x = 0; x < png.width; x++) {
    const state = CELL_COLOURS[png.hex(x, y)];
    if (state && state !== previous) cells.push(state);
    previous = state;
  }
  return cells;
}
