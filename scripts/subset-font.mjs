// Makes the two Noto Sans SC subsets (SIL Open Font License 1.1, assets/fonts/OFL.txt); the full
// font is 10 MB.
// - assets/fonts/noto-sans-sc-subset.ttf, the one font the progress picture is drawn with: ASCII, a
//   few symbols and the Chinese characters of the bot's strings, the roadmap and the lesson titles.
// - assets/fonts/noto-sans-sc-web.woff2, the lesson pages' fallback for a device without a Chinese
//   font: every CJK character of the Chinese lessons, the strings and the roadmap (the page's
//   @font-face limits it to CJK, so Latin text keeps the device's own font).
// Run again after adding Chinese text to any of those (the font test says when it is needed):
//   npm install --no-save subset-font@2.9.0 @expo-google-fonts/noto-sans-sc@0.4.3
//   node scripts/subset-font.mjs
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import subsetFont from 'subset-font';

const require = createRequire(import.meta.url);
const source = readFileSync(require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'));
const CJK = /[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]/gu;
const strings = [readFileSync('src/core/i18n/strings.ts', 'utf8'), readFileSync('lessons/roadmap.yaml', 'utf8')];
const lessons = readdirSync('lessons/zh').map((file) => readFileSync(`lessons/zh/${file}`, 'utf8'));
const titles = lessons.flatMap((text) => /^title:\s*(.*)$/m.exec(text)?.[1] ?? []);

const ascii = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
const picture = new Set([...ascii, ...'·—–…→←✓%：，。（）、', ...[...strings, ...titles].join('').match(CJK)]);
const ttf = await subsetFont(source, [...picture].join(''), { targetFormat: 'truetype' });
writeFileSync('assets/fonts/noto-sans-sc-subset.ttf', ttf);
console.log(`picture: ${picture.size} characters, ${ttf.length} bytes`);

const page = new Set([...strings, ...lessons].join('').match(CJK));
const woff2 = await subsetFont(source, [...page].join(''), { targetFormat: 'woff2' });
writeFileSync('assets/fonts/noto-sans-sc-web.woff2', woff2);
console.log(`pages: ${page.size} characters, ${woff2.length} bytes`);
