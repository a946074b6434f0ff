import type { CommandContext } from '../command.js';
import { localMoment } from './local-time.js';

/** The zone a learner's days are counted in (streaks, the review cap): "today" is their today. */
export function learnerTimezone(ctx: CommandContext): string {
  return ctx.learner.timezone ?? ctx.services.settings.defaultTimezone;
}

/** Today's date (YYYY-MM-DD) where the learner is. */
export function learnerToday(ctx: CommandContext): string {
  return localMoment(ctx.now, learnerTimezone(ctx)).date;
}
