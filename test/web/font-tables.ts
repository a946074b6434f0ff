import { brotliDecompressSync } from 'node:zlib';

/** The characters a font's cmap (formats 4 and 12) maps, the table starting at `cmap` in `font`. */
function cmapCharacters(font: Buffer, cmap: number): Set<number> {
  const codes = new Set<number>();
  const subtables = font.readUInt16BE(cmap + 2);
  for (let i = 0; i < subtables; i++) {
    const at = cmap + font.readUInt32BE(cmap + 8 + 8 * i);
    const format = font.readUInt16BE(at);
    if (format === 4) {
      const segments = font.readUInt16BE(at + 6) / 2;
      for (let s = 0; s < segments; s++) {
        const end = font.readUInt16BE(at + 14 + 2 * s);
        const start = font.readUInt16BE(at + 16 + 2 * segments + 2 * s);
        for (let c = start; c <= end && c !== 0xffff; c++) codes.add(c);
      }
    } else if (format === 12) {
      const groups = font.readUInt32BE(at + 12);
      for (let g = 0; g < groups; g++) {
        for (let c = font.readUInt32BE(at + 16 + 12 * g); c <= font.readUInt32BE(at + 20 + 12 * g); c++) codes.add(c);
      }
    }
  }
  return codes;
}

/** The characters a TrueType font maps: a glyph missing from it draws as a blank. */
export function ttfCharacters(font: Buffer): Set<number> {
  const tables = font.readUInt16BE(4);
  for (let i = 0; i < tables; i++) {
    if (font.toString('latin1', 12 + 16 * i, 16 + 16 * i) === 'cmap') return cmapCharacters(font, font.readUInt32BE(20 + 16 * i));
  }
  return new Set();
}

/**
 * The same for a WOFF2 font (W3C WOFF2 §4-5): a table directory of variable-length entries, then
 * every table in one Brotli stream, in directory order. cmap is known tag 0 and never transformed;
 * glyf and loca (transform version 0) and a transformed hmtx carry a transformed length too.
 */
export function woff2Characters(font: Buffer): Set<number> {
  if (font.toString('latin1', 0, 4) !== 'wOF2') throw new Error('not a WOFF2 font');
  const tables = font.readUInt16BE(12);
  const compressedLength = font.readUInt32BE(20);
  let at = 48;
  const base128 = () => {
    let value = 0;
    for (let i = 0; i < 5; i++) {
      const byte = font[at++]!;
      value = value * 128 + (byte & 0x7f);
      if (!(byte & 0x80)) return value;
    }
    throw new Error('bad UIntBase128');
  };
  let offset = 0;
  let cmap = -1;
  for (let i = 0; i < tables; i++) {
    const flags = font[at++]!;
    const tag = flags & 0x3f;
    if (tag === 63) at += 4;
    const version = flags >> 6;
    const length = base128();
    const transformed = tag === 10 || tag === 11 ? version === 0 : version !== 0;
    const stored = transformed ? base128() : length;
    if (tag === 0) cmap = offset;
    offset += stored;
  }
  const data = brotliDecompressSync(font.subarray(at, at + compressedLength));
  return cmap < 0 ? new Set() : cmapCharacters(data, cmap);
}
