import type { Transformer } from 'grammy';

/**
 * Asks `mayPoll` before each batch of getUpdates and, when it says no, answers the runner with
 * no updates instead of polling (the lease holder stops the runner meanwhile). The lease's own
 * timer would notice too, but a process waking from a stall may poll before that timer runs.
 */
export function pollOnlyWhile(mayPoll: () => Promise<boolean>): Transformer {
  return async (prev, method, payload, signal) => {
    if (method === 'getUpdates' && !(await mayPoll())) return { ok: true, result: [] as never };
    return prev(method, payload, signal);
  };
}
