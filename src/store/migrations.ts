/**
 * Schema migrations, applied in order; SQLite's user_version records how many have run.
 * Never edit a migration that has shipped: add the next one.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE learners (
    id TEXT PRIMARY KEY,
    locale TEXT,
    timezone TEXT,
    include_optional INTEGER NOT NULL DEFAULT 0,
    current_lesson INTEGER,
    current_since TEXT,
    created_at TEXT NOT NULL
  );
  CREATE TABLE progress (
    learner_id TEXT NOT NULL REFERENCES learners(id),
    lesson_id INTEGER NOT NULL,
    done_at TEXT NOT NULL,
    PRIMARY KEY (learner_id, lesson_id)
  );
  CREATE TABLE study_days (
    learner_id TEXT NOT NULL,
    local_date TEXT NOT NULL,
    PRIMARY KEY (learner_id, local_date)
  );
  CREATE TABLE cards (
    learner_id TEXT NOT NULL,
    lesson_id INTEGER NOT NULL,
    question INTEGER NOT NULL,
    due TEXT NOT NULL,
    state TEXT NOT NULL,
    reps INTEGER NOT NULL DEFAULT 0,
    last_review TEXT,
    PRIMARY KEY (learner_id, lesson_id, question)
  );
  CREATE INDEX cards_due ON cards (learner_id, due);
  CREATE TABLE reviews (
    learner_id TEXT NOT NULL,
    lesson_id INTEGER NOT NULL,
    question INTEGER NOT NULL,
    rating INTEGER NOT NULL,
    at TEXT NOT NULL
  );
  CREATE INDEX reviews_by_learner ON reviews (learner_id, at);
  CREATE TABLE subscriptions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    platform TEXT NOT NULL,
    chat_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('personal', 'channel')),
    learner_id TEXT,
    time TEXT NOT NULL,
    timezone TEXT NOT NULL,
    locale TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('active', 'paused', 'stopped')),
    stopped_reason TEXT,
    every_days INTEGER NOT NULL DEFAULT 1,
    channel_lesson INTEGER,
    channel_since TEXT,
    created_at TEXT NOT NULL,
    UNIQUE (platform, chat_id)
  );
  CREATE TABLE deliveries (
    subscription_id INTEGER NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
    local_date TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('claimed', 'sent', 'failed')),
    claimed_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 1,
    sent_at TEXT,
    error TEXT,
    later_at TEXT,
    later_sent_at TEXT,
    PRIMARY KEY (subscription_id, local_date)
  );
  CREATE INDEX deliveries_claimed ON deliveries (status, claimed_at);
  `,
  // Telegram update_ids already handled, so a webhook redelivery is answered once.
  `
  CREATE TABLE handled_updates (
    platform TEXT NOT NULL,
    update_id INTEGER NOT NULL,
    handled_at TEXT NOT NULL,
    PRIMARY KEY (platform, update_id)
  );
  CREATE INDEX handled_updates_at ON handled_updates (handled_at);
  `,
  // The lesson a learner last opened or was prompted with: what a bare /done marks.
  'ALTER TABLE learners ADD COLUMN last_lesson INTEGER;',
  // Issue 13: one bot process per SQLite file (a lease row with owner, heartbeat and expiry, taken
  // with a conditional update), and indexes for the due selection (per zone, in (time, id) order),
  // the "later" re-sends still to send (not every sent row) and pruning by local date.
  `
  CREATE TABLE process_lease (
    name TEXT PRIMARY KEY,
    owner TEXT NOT NULL,
    pid INTEGER NOT NULL,
    host TEXT NOT NULL,
    heartbeat_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  );
  CREATE INDEX subscriptions_due ON subscriptions (status, timezone, time, id);
  CREATE INDEX deliveries_later_due ON deliveries (later_at) WHERE later_at IS NOT NULL AND later_sent_at IS NULL;
  CREATE INDEX deliveries_by_date ON deliveries (local_date);
  `,
  // Issue 13: a question shown with rating buttons gets an id its buttons carry, so a double press
  // records one review; /healthz writes one row of health_probe to learn that the store can write.
  `
  CREATE TABLE shown_questions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    learner_id TEXT NOT NULL,
    lesson_id INTEGER NOT NULL,
    question INTEGER NOT NULL,
    shown_at TEXT NOT NULL,
    rated_at TEXT
  );
  CREATE INDEX shown_questions_at ON shown_questions (shown_at);
  CREATE TABLE health_probe (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL
  );
  `,
  // Delivery under faults (issue 13): a transient failure names when to try again (NULL: final), and a
  // "later" re-send is claimed before it is sent, like the first send.
  `
  ALTER TABLE deliveries ADD COLUMN retry_at TEXT;
  ALTER TABLE deliveries ADD COLUMN later_claimed_at TEXT;
  CREATE INDEX deliveries_retry ON deliveries (retry_at) WHERE retry_at IS NOT NULL;
  `,
  // Issue 18: who has used the bot in a group chat, so a channel's progress picture can count how
  // many of its members are done with each lesson.
  `
  CREATE TABLE chat_members (
    platform TEXT NOT NULL,
    chat_id TEXT NOT NULL,
    learner_id TEXT NOT NULL,
    joined_at TEXT NOT NULL,
    PRIMARY KEY (platform, chat_id, learner_id)
  );
  `,
];
