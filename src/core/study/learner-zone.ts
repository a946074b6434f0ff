import type { CommandContext } from '../command.js';

/** The zone a learner's days are counted in (streaks, the review cap): "today" is their today. */
export function learnerTimezone(ctx: CommandContext): string {
  return ctx.learner.timezone ?? ctx.services.settings.defaultTimezone;
}
