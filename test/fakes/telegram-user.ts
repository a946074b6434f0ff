// A user of the emulator: sends commands and presses buttons, and waits until the bot has answered.
import type { TelegramClient } from 'telegram-test-api/lib/modules/telegramClient.js';
import type { FakeTelegram, SeenMessage } from './telegram-server.js';

export interface UserOptions {
  userId: number;
  /** The chat; the user's private chat with the bot when not given. */
  chatId?: number;
  type?: 'private' | 'group' | 'supergroup';
  firstName?: string;
  languageCode?: string;
  /** A forum topic (message_thread_id) of the supergroup the user writes in. */
  topic?: number;
}

/** One user in one chat, typing commands and pressing buttons. */
export class FakeUser {
  constructor(
    private readonly fake: FakeTelegram,
    private readonly client: TelegramClient,
    private readonly o: UserOptions,
  ) {}

  get chatId(): number {
    return this.o.chatId ?? this.o.userId;
  }

  /** Sends a command (with its bot_command entity) and returns the bot's new messages once handled. */
  async command(text: string): Promise<SeenMessage[]> {
    return this.answered(() => this.client.sendCommand(this.client.makeCommand(text, { from: this.from(), ...this.inTopic() })));
  }

  /** Sends a command and returns at once, before the bot has answered (a burst, a busy chat). */
  async post(text: string): Promise<void> {
    await this.client.sendCommand(this.client.makeCommand(text, { from: this.from(), ...this.inTopic() }));
  }

  /** Sends plain text (no command entity). */
  async say(text: string): Promise<SeenMessage[]> {
    return this.answered(() => this.client.sendMessage(this.client.makeMessage(text, { from: this.from(), ...this.inTopic() })));
  }

  /** Presses a button of a bot message; returns new messages (edits show in `fake.messages`). */
  async press(message: SeenMessage, action: string): Promise<SeenMessage[]> {
    const query = this.client.makeCallbackQuery(action, { from: this.from(), message: { message_id: message.id, ...(message.threadId ? { message_thread_id: message.threadId, is_topic_message: true } : {}) } });
    return this.answered(() => this.client.sendCallback(query));
  }

  /** A message in a forum topic carries its thread id and says so. */
  private inTopic() {
    return this.o.topic ? { message_thread_id: this.o.topic, is_topic_message: true } : {};
  }

  private from() {
    return { id: this.o.userId, language_code: this.o.languageCode, first_name: this.o.firstName ?? `user${this.o.userId}`, is_bot: false };
  }

  private async answered(send: () => Promise<unknown>): Promise<SeenMessage[]> {
    const before = this.fake.messages(this.chatId).length;
    await send();
    await this.fake.settled();
    return this.fake.messages(this.chatId).slice(before);
  }
}

/** Telegram HTML as the reader sees it. */
export function visible(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

