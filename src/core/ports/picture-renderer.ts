/**
 * Turns an SVG drawn by the core (src/core/views/progress-picture-svg.ts) into PNG bytes. The core
 * draws; rendering needs a native renderer and a font file, so it lives outside the core
 * (src/web/render-png.ts) and is handed in with the services. Without one, replies carry no picture.
 */
export interface PictureRenderer {
  /** PNG bytes of the SVG, at its own size times the renderer's zoom. */
  png(svg: string): Uint8Array;
}
