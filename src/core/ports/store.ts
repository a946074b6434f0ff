import type { Locale } from '../i18n/locale.js';

/** A person learning, on one platform. `id` is `platform:userId`. */
export interface Learner {
  id: string;
  locale?: Locale;
  /** Set by a personal subscription: the zone the learner's days (streaks, review cap) are counted in. */
  timezone?: string;
  /** Whether the daily sequence includes optional lessons. */
  includeOptional: boolean;
  /** The lesson the daily prompt is on, and the local date it started there (for "stay or move on"). */
  currentLesson?: number;
  currentSince?: string;
  /**
   * The lesson the learner last opened or was prompted with: what a bare `/done` marks. Written
   * only by `setLastLesson` (a `saveLearner` from an older copy must not move it back).
   */
  lastLesson?: number;
  createdAt: string;
}

export interface DoneLesson {
  lessonId: number;
  doneAt: string;
}

export type SubscriptionKind = 'personal' | 'channel';
export type SubscriptionStatus = 'active' | 'paused' | 'stopped';

/** A chat that receives the daily prompt: a person's private chat, or a group's channel. */
export interface Subscription {
  id: number;
  platform: string;
  chatId: string;
  kind: SubscriptionKind;
  /** For personal subscriptions: whose progress the prompt follows. */
  learnerId?: string;
  /** Local time of day, HH:MM, in `timezone` (IANA). */
  time: string;
  timezone: string;
  locale: Locale;
  status: SubscriptionStatus;
  /** Why a subscription stopped (bot blocked, channel gone): kept, with its history. */
  stoppedReason?: string;
  /** Channel prompts: the lesson of the day advances every this many days. */
  everyDays: number;
  /** Channel prompts: position in the daily sequence, and the local date it was reached. */
  channelLesson?: number;
  channelSince?: string;
  createdAt: string;
}

/** Fields of a subscription a caller may change; the rest are left as they are in the store. */
export type SubscriptionPatch = Partial<Pick<Subscription,
  'chatId' | 'time' | 'timezone' | 'locale' | 'status' | 'stoppedReason' | 'everyDays' | 'channelLesson' | 'channelSince'>>;

export type NewSubscription = Omit<Subscription, 'id' | 'createdAt'>;

export type DeliveryStatus = 'claimed' | 'sent' | 'failed';

/** One day's prompt for one subscription. (subscriptionId, localDate) is unique: the idempotency key. */
export interface Delivery {
  subscriptionId: number;
  localDate: string;
  status: DeliveryStatus;
  claimedAt: string;
  attempts: number;
  sentAt?: string;
  error?: string;
  /** Set when the learner asked for the prompt again later today (once): when to re-send it. */
  laterAt?: string;
  laterSentAt?: string;
  /** The "later" re-send was claimed for sending at this moment (cleared when it fails). */
  laterClaimedAt?: string;
  /** A transient failure: when to try again. Unset on a failure that is final (blocked, missed). */
  retryAt?: string;
}

/**
 * Everything one successful send changes, written in one transaction: a crash or a store error
 * can never leave the message sent but the lesson not advanced, or the other way round.
 */
export interface SentRecord {
  /** The delivery as it is to be stored (status sent, or laterSentAt set). */
  delivery: Delivery;
  /** A personal prompt moved the learner to a lesson: only currentLesson/currentSince are written. */
  learner?: Learner;
  /** The prompt's lesson becomes the one a bare /done marks (setLastLesson). */
  lastLesson?: { learnerId: string; lessonId: number };
  /** A channel prompt moved the channel's lesson. */
  subscription?: { id: number; patch: SubscriptionPatch };
}

/** A group chat's members as the bot has seen them, and how many of them have done each lesson. */
export interface ChatProgress {
  members: number;
  /** Lesson id to the number of members who marked it done (lessons nobody did are absent). */
  doneByLesson: Map<number, number>;
}

/** A spaced-repetition card: one question of one lesson, for one learner. */
export interface ReviewCard {
  learnerId: string;
  lessonId: number;
  question: number;
  due: string;
  /** The scheduler's own state, opaque to the store. */
  state: string;
  reps: number;
  lastReview?: string;
}

/** A position in the due index of one zone: after this (time, id). */
export interface DueCursor {
  time: string;
  id: number;
}

export interface DueQuery {
  timezone: string;
  /** The local date being selected for (YYYY-MM-DD). */
  date: string;
  /**
   * That date's local midnight (ISO instant): a delivery of the date sent before it went out under
   * an earlier zone, on the previous local day (westward across the date line), so it does not count.
   */
  midnight: string;
  /** Latest local time of day included, HH:MM. */
  upTo: string;
  after?: DueCursor;
  limit: number;
}

/**
 * Where everything a learner did is kept. SQLite implements it (src/store); the methods are async
 * so that a networked store (PostgreSQL) can serve several bot processes later.
 */
export interface Store {
  getLearner(id: string): Promise<Learner | undefined>;
  saveLearner(learner: Learner): Promise<void>;

  listDone(learnerId: string): Promise<DoneLesson[]>;
  /** Marks a lesson done; false when it already was. */
  markDone(learnerId: string, lessonId: number, at: string): Promise<boolean>;
  /**
   * Takes a done mark back (`/undo`): the mark and the lesson's cards never reviewed go; cards
   * already reviewed keep their history. False when the lesson was not done.
   */
  unmarkDone(learnerId: string, lessonId: number): Promise<boolean>;
  /** Clears a learner's progress (a confirmed `/reset`): done marks, cards, reviews, study days, current lesson. */
  resetProgress(learnerId: string): Promise<void>;
  /** Records the lesson the learner opened or was prompted with (see Learner.lastLesson). */
  setLastLesson(learnerId: string, lessonId: number): Promise<void>;

  /**
   * Notes that a learner used the bot in a group chat (`chatId` as subscriptions name it), once per
   * (chat, learner): the group view counts these members. Nobody is recorded in private chats.
   */
  recordChatMember(platform: string, chatId: string, learnerId: string, at: string): Promise<void>;
  /** The members recorded in a group chat and their done lessons, counted per lesson. */
  chatProgress(platform: string, chatId: string): Promise<ChatProgress>;
  /** A group got a new chat id (a Telegram supergroup upgrade): its members move with its subscription. */
  moveChatMembers(platform: string, from: string, to: string): Promise<void>;

  /** Local dates (YYYY-MM-DD) on which the learner studied (done, quiz answered), from `since` on. */
  listStudyDays(learnerId: string, since: string): Promise<string[]>;
  recordStudyDay(learnerId: string, localDate: string): Promise<void>;

  getCard(learnerId: string, lessonId: number, question: number): Promise<ReviewCard | undefined>;
  saveCard(card: ReviewCard): Promise<void>;
  /** Cards due at or before `now`, most overdue first. */
  dueCards(learnerId: string, now: string, limit: number): Promise<ReviewCard[]>;
  /** How many reviews the learner answered since a moment (for the daily cap). */
  countReviewsSince(learnerId: string, since: string): Promise<number>;
  recordReview(learnerId: string, lessonId: number, question: number, rating: number, at: string): Promise<void>;
  /** Records that a question was shown with rating buttons; its id goes into those buttons. */
  showQuestion(learnerId: string, lessonId: number, question: number, at: string): Promise<number>;
  /**
   * Marks shown question `id` rated, once: 'claimed' for the first press, 'rated' for any later one,
   * 'unknown' when no such question was shown to this learner (a forged or pruned button).
   */
  claimRating(id: number, learnerId: string, lessonId: number, question: number, at: string): Promise<'claimed' | 'rated' | 'unknown'>;

  getSubscription(platform: string, chatId: string): Promise<Subscription | undefined>;
  getSubscriptionById(id: number): Promise<Subscription | undefined>;
  /** Creates or replaces the subscription of (platform, chatId). */
  saveSubscription(sub: NewSubscription): Promise<Subscription>;
  updateSubscription(sub: Subscription): Promise<void>;
  /**
   * Writes only the given fields (a whole-row write from an old copy would undo a /pause or
   * /unsubscribe that landed meanwhile). False when the subscription is gone.
   */
  patchSubscription(id: number, patch: SubscriptionPatch): Promise<boolean>;
  deleteSubscription(id: number): Promise<void>;
  listSubscriptions(status?: SubscriptionStatus): Promise<Subscription[]>;
  /** How many subscriptions each status has (for metrics: counted by the database, not read row by row). */
  countSubscriptions(): Promise<Partial<Record<SubscriptionStatus, number>>>;
  /** The zones active subscriptions are in (a skip through the due index: a step per zone, not per row). */
  activeTimezones(): Promise<string[]>;
  /**
   * One page of the due selection, through the (status, timezone, time, id) index: the next `limit`
   * active subscriptions of `timezone` after `after` in (time, id) order with time <= `upTo`.
   * Of those, `due` holds the ones with no delivery of `date` (but one sent before `midnight`) or a later date; `next` is where the
   * following page starts (undefined after the last). At most `limit` rows are looked at a call,
   * so a zone whose prompts all went out already costs pages, not one long block.
   */
  duePage(q: DueQuery): Promise<{ due: Subscription[]; next?: DueCursor }>;

  /** Claims today's delivery; false when it was claimed already (by this or another process). */
  claimDelivery(subscriptionId: number, localDate: string, at: string): Promise<boolean>;
  /**
   * Compare-and-swap takeover of a stale claim or a failed delivery: claims it again (attempts + 1,
   * claimedAt = `at`, retryAt cleared) only if it still is exactly `seen`. Of any number of callers, one wins.
   */
  takeOverDelivery(seen: Delivery, at: string): Promise<boolean>;
  getDelivery(subscriptionId: number, localDate: string): Promise<Delivery | undefined>;
  /** The subscription's delivery of the latest local date (after a zone change: maybe a later date than today's). */
  latestDelivery(subscriptionId: number): Promise<Delivery | undefined>;
  updateDelivery(delivery: Delivery): Promise<void>;
  /** Writes a successful send and what it advanced, all or nothing. */
  recordSent(record: SentRecord): Promise<void>;
  /** Deliveries still `claimed` since before `olderThan`: a process died between claim and send. */
  staleClaims(olderThan: string): Promise<Delivery[]>;
  /** Failed deliveries whose retryAt is at or before `now`, earliest first: transient failures to try again. */
  retriesDue(now: string): Promise<Delivery[]>;
  /**
   * Sent deliveries whose "later" re-send is due at or before `now` and not yet sent, and not
   * claimed, or claimed before `staleBefore` (a process died while sending it).
   */
  laterDue(now: string, staleBefore: string): Promise<Delivery[]>;
  /** Compare-and-swap claim of a "later" re-send: sets laterClaimedAt only if it is still as in `seen`. */
  claimLater(seen: Delivery, at: string): Promise<boolean>;
  /** Deletes at most `limit` deliveries of local dates before `beforeDate` (pruning, in chunks); how many went. */
  pruneDeliveries(beforeDate: string, limit: number): Promise<number>;
  /** How many deliveries each status has (for metrics and the dispatch benchmark). */
  countDeliveries(): Promise<Record<string, number>>;

  /**
   * Notes that an incoming update (Telegram's update_id, per bot: `source` is e.g. `telegram:<bot id>`)
   * is being handled; false when it was seen before (a webhook redelivery), by this or another process.
   */
  recordUpdate(source: string, updateId: number, at: string): Promise<boolean>;
  /** Forgets updates recorded before `olderThan` (Telegram redelivers for a day at most); how many went. */
  pruneUpdates(olderThan: string): Promise<number>;

  /** Cheap liveness probe for health checks. */
  ping(): Promise<boolean>;
  /** Writes one row in a transaction; throws (with the database's reason) when the store cannot write. */
  probeWrite(at: string): Promise<void>;
  close(): Promise<void>;
}
