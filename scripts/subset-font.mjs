// Makes assets/fonts/noto-sans-sc-subset.ttf, the one font the progress picture is drawn with.
// Noto Sans SC (SIL Open Font License 1.1) is 10 MB; the picture only needs ASCII, a few symbols
// and the Chinese characters of the bot's strings, the roadmap and the lesson titles.
// Run again after adding Chinese text to any of those (the font test says when it is needed):
//   npm install --no-save subset-font@2.9.0 @expo-google-fonts/noto-sans-sc@0.4.3
//   node scripts/subset-font.mjs
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import subsetFont from 'subset-font';

const require = createRequire(import.meta.url);
const source = require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');
const texts = [readFileSync('src/core/i18n/strings.ts', 'utf8'), readFileSync('lessons/roadmap.yaml', 'utf8')];
for (const file of readdirSync('lessons/zh')) {
  const title = /^title:\s*(.*)$/m.exec(readFileSync(`lessons/zh/${file}`, 'utf8'));
  if (title) texts.push(title[1]);
}
const ascii = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
const chars = new Set([...ascii, ...'·—–…→←✓%：，。（）、', ...texts.join('').match(/[\u3000-\u9fff\uff00-\uffef]/gu)]);
const out = await subsetFont(readFileSync(source), [...chars].join(''), { targetFormat: 'truetype' });
writeFileSync('assets/fonts/noto-sans-sc-subset.ttf', out);
console.log(`${chars.size} characters, ${out.length} bytes`);
