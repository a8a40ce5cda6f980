// Unblocking: Telegram tells the bot (my_chat_member « member » after « kicked ») that someone who
// had blocked it can read it again. They are not subscribed again by that alone (consent is asked
// on /start, as for anyone who left): the status only stops saying « blocked », which is no longer
// true, and becomes « left », which /start brings back through consent, follows kept.
import type { CoreContext } from '../context';
import { isDomainError } from '../shared/errors';
import type { Subscriber } from './subscriber';

export type UnblockOutcome = 'marked_left' | 'not_a_subscriber' | 'unchanged';

export async function recordUnblocked(ctx: CoreContext, current: Subscriber | undefined): Promise<UnblockOutcome> {
  if (!current) return 'not_a_subscriber';
  if (current.status !== 'blocked') return 'unchanged'; // active (the « kicked » was missed), pending or left
  // One conditional-free UpdateItem, like markBlocked; blocked → left is no departure (growth.ts
  // counts only leaving « active »), so the growth counters are untouched.
  try {
    await ctx.store.subscribers.setStatus(current.id, 'left', ctx.clock.now().toISOString());
  } catch (e) {
    if (isDomainError(e) && e.code === 'NotFound') return 'not_a_subscriber'; // erased meanwhile
    throw e;
  }
  return 'marked_left';
}
