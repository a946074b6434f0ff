/** The languages replies and lessons come in. Adding one means a strings table and lesson files. */
export const LOCALES = ['en', 'zh'] as const;
export type Locale = (typeof LOCALES)[number];

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Maps a platform's language tag (Telegram `zh-hans`, Discord `zh-CN`, `en-US`) to ours. */
export function localeFromTag(tag: string | undefined | null): Locale | undefined {
  if (!tag) return undefined;
  const base = tag.toLowerCase().split(/[-_]/)[0];
  return isLocale(base) ? base : undefined;
}

/** A text in each language. */
export type Localized<T = string> = Record<Locale, T>;
