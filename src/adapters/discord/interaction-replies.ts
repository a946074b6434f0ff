import {
  MessageFlags,
  userMention,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type InteractionReplyOptions,
} from 'discord.js';
import type { BotCore } from '../../core/bot-core.js';
import type { Reply } from '../../core/reply.js';
import { findCommand } from '../../core/registry.js';
import { audienceOf, callerOf, commandArgs } from './interaction-caller.js';
import { pressedAction } from './render-buttons.js';
import { renderReply, type DiscordMessage } from './render-embeds.js';

/** What the Discord adapter needs of the core (a narrower BotCore, so tests can slow it down or break it). */
export type DiscordCore = Pick<BotCore, 'command' | 'press' | 'autocomplete'>;

export interface ReplyDeps {
  core: DiscordCore;
  /**
   * Discord drops an interaction not answered within 3 s. A handler still working after this long
   * is deferred first ("thinking…"), leaving a margin for the network round trip.
   */
  deferAfterMs: number;
}

/** Discord's limits on autocomplete answers. */
const CHOICES_MAX = 25;
const CHOICE_TEXT_MAX = 100;

export async function answerCommand(i: ChatInputCommandInteraction, deps: ReplyDeps): Promise<void> {
  const audience = audienceOf(i);
  const caller = callerOf(i);
  // A member without Manage Channels who tries to change the channel's prompt is refused by the core;
  // the refusal is for them alone, not a message for the whole study group to read.
  const refused = Boolean(findCommand(i.commandName)?.manage) && caller.chatKind === 'group' && !caller.canManageChat;
  const quiet = audience.private || refused;
  const work = deps.core.command(caller, i.commandName, commandArgs(i));
  const reply = await beforeDeadline(work, deps.deferAfterMs, () => i.deferReply(quiet ? { flags: MessageFlags.Ephemeral } : {}));
  const ephemeral = quiet || Boolean(reply.private);
  const [first, ...more] = renderReply(reply).map((m) => options(m, ephemeral));
  // Sharing means a post in the channel that pings that member, and only them.
  if (audience.shareWith && !ephemeral) Object.assign(first!, { content: userMention(audience.shareWith), allowedMentions: { users: [audience.shareWith] } });
  if (!i.deferred) await i.reply(first!);
  else if (ephemeral && !i.ephemeral) {
    // Deferred in public, but the answer is for the caller only (their own progress, an error).
    await i.deleteReply();
    await i.followUp(first!);
  } else await i.editReply(withoutFlags(first!));
  await followUps(i, more, reply);
}

export async function answerButton(i: ButtonInteraction, deps: ReplyDeps): Promise<void> {
  const work = deps.core.press(callerOf(i), pressedAction(i.customId));
  const reply = await beforeDeadline(work, deps.deferAfterMs, () => i.deferUpdate());
  const ephemeral = Boolean(reply.private);
  const [first, ...more] = renderReply(reply).map((m) => options(m, ephemeral));
  if (reply.replace) {
    // The message the button was on is edited in place (a section, the answer, the next question).
    if (i.deferred) await i.editReply(withoutFlags(first!));
    else await i.update(withoutFlags(first!));
  } else if (i.deferred) await i.followUp(first!);
  else await i.reply(first!);
  await followUps(i, more, reply);
}

/** Autocomplete has no defer: it answers from the in-memory index, well inside the deadline. */
export async function answerAutocomplete(i: AutocompleteInteraction, deps: Pick<ReplyDeps, 'core'>): Promise<void> {
  const focused = i.options.getFocused(true);
  const choices = await deps.core.autocomplete(callerOf(i), i.commandName, focused.name, String(focused.value));
  await i.respond(
    choices.slice(0, CHOICES_MAX).map((c) => ({ name: clip(c.label || c.value, CHOICE_TEXT_MAX), value: c.value.slice(0, CHOICE_TEXT_MAX) })),
  );
}

async function followUps(i: ChatInputCommandInteraction | ButtonInteraction, more: InteractionReplyOptions[], reply: Reply): Promise<void> {
  for (const message of more) await i.followUp(message);
  if (reply.toast) await i.followUp({ content: reply.toast, flags: MessageFlags.Ephemeral });
}

function options(message: DiscordMessage, ephemeral: boolean): InteractionReplyOptions {
  return { embeds: message.embeds, components: message.components, ...(message.files ? { files: message.files } : {}), ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}) };
}

/** Editing a message cannot change whether it is ephemeral. */
function withoutFlags(message: InteractionReplyOptions): Omit<InteractionReplyOptions, 'flags'> {
  const { flags: _flags, ...rest } = message;
  return rest;
}

const SLOW = Symbol('slow');

/** The work's result; if it is not done within `ms`, `defer` runs first (and finishes) while it goes on. */
export async function beforeDeadline<T>(work: Promise<T>, ms: number, defer: () => Promise<unknown>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<typeof SLOW>((resolve) => {
    timer = setTimeout(() => resolve(SLOW), ms);
  });
  try {
    const first = await Promise.race([work, late]);
    if (first !== SLOW) return first;
  } finally {
    clearTimeout(timer);
  }
  await defer();
  return work;
}

function clip(s: string, n: number): string {
  const chars = [...s];
  return chars.length > n ? `${chars.slice(0, n - 1).join('')}…` : s;
}
