import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import type { Resvg as ResvgClass } from '@resvg/resvg-js';
import type { PictureRenderer } from '../core/ports/picture-renderer.js';
import { PICTURE_FONT } from '../core/views/progress-picture-svg.js';

/** The Noto Sans SC subset the picture is drawn with (scripts/subset-font.mjs makes it). */
export const PICTURE_FONT_FILE = fileURLToPath(new URL('../../assets/fonts/noto-sans-sc-subset.ttf', import.meta.url));

/**
 * Renders the core's SVG with resvg. System fonts are not loaded: the picture looks the same on
 * every machine, and resvg does not scan the font directories on each render (that is most of its
 * time on a machine with many fonts). Zoom 1.5 (1200 px wide) is sharp on a phone screen and keeps one
 * render near 100 ms of CPU; the flat colours compress to about 100 KB (npm run bench prints both).
 */
export function createPngRenderer(options: { zoom?: number; fontFile?: string } = {}): PictureRenderer {
  const zoom = options.zoom ?? 1.5;
  const fontFiles = [options.fontFile ?? PICTURE_FONT_FILE];
  return {
    png(svg: string): Uint8Array {
      // Loaded at the first picture, not at start: the native module costs the terminal chat's start-up.
      const { Resvg } = createRequire(import.meta.url)('@resvg/resvg-js') as { Resvg: typeof ResvgClass };
      const resvg = new Resvg(svg, {
        fitTo: { mode: 'zoom', value: zoom },
        font: { loadSystemFonts: false, fontFiles, defaultFontFamily: PICTURE_FONT },
      });
      return resvg.render().asPng();
    },
  };
}
