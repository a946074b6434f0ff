import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { BotCore } from './core/bot-core.js';
import type { CoreObserver, Services } from './core/command.js';
import { loadContentCached } from './core/search/content-cache.js';
import { openStore, type OpenedStore, type StoreInfo } from './store/open-store.js';
import type { Store } from './core/ports/store.js';
import type { LessonLibrary } from './core/lessons/library.js';
import type { SearchIndex } from './core/search/search-index.js';
import { createPngRenderer } from './web/render-png.js';
import { createWebLinks } from './web/web-links.js';

export interface App {
  core: BotCore;
  services: Services;
  store: Store;
  /** Resolves when the store is migrated and usable (PostgreSQL connects and migrates at start). */
  ready: Promise<void>;
  storeInfo(): StoreInfo;
  /** Set when the store is PostgreSQL: what several processes share (rate budget, update ids). */
  shared?: OpenedStore['pg'];
  close(): Promise<void>;
}

/** The read-only half of the app: lessons and their index. Tests build it once and share it. */
export interface Content {
  library: LessonLibrary;
  search: SearchIndex;
}

export function loadContent(config: Config, log: Logger): Content {
  const started = performance.now();
  const loaded = loadContentCached(config.lessons.dir, config.search.indexCache);
  for (const p of loaded.problems) log.warn({ file: p.file }, `lesson problem: ${p.message}`);
  if (!loaded.library) throw new Error(`no lessons could be loaded from ${config.lessons.dir}`);
  log.info({ lessons: loaded.library.lessons.length, cached: loaded.cached, ms: Math.round(performance.now() - started) }, 'lessons and search index ready');
  return { library: loaded.library, search: loaded.index };
}

/**
 * Wires the core: lessons -> search index -> store -> BotCore. Platforms are started by main.
 * `observer` receives the core's metrics hooks (src/ops/metrics.ts) when health and metrics are on.
 */
export function createApp(
  config: Config,
  log: Logger,
  clock: () => Date = () => new Date(),
  content = loadContent(config, log),
  observer?: CoreObserver,
): App {
  const { library, search: index } = content;
  const opened = openStore(config.store);
  const { store } = opened;
  const services: Services = {
    library,
    search: index,
    store,
    clock,
    observer,
    // The progress picture (/progress sends it beside the text on every platform).
    pictures: createPngRenderer(),
    web: createWebLinks({ publicUrl: config.web.publicUrl, linkSecret: config.web.linkSecret, clock }),
    settings: {
      defaultLocale: config.locale,
      defaultTime: config.schedule.defaultTime,
      defaultTimezone: config.schedule.defaultTimezone,
      reviewCap: config.schedule.reviewCap,
      stayAfterDays: config.schedule.stayAfterDays,
      maxResults: config.search.maxResults,
    },
  };
  const core = new BotCore(services, log.child({ component: 'core' }));
  return { core, services, store, ready: opened.ready, storeInfo: opened.info, shared: opened.pg, close: () => store.close() };
}
