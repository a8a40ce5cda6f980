// Replies to a citizen's tap are worth a short wait: when Telegram answers 429 (more than ~1
// message a second in one chat, e.g. a confirmation then the next question), wait `retry_after`
// and send again. telegraf has no such retry. Longer waits are not taken: the update would
// outlive the webhook's time, and the citizen can tap again.
import { type Telegram, TelegramError } from 'telegraf';

const MAX_WAIT_S = 5;
const MAX_ATTEMPTS = 3;

export function retryFloodWaits(telegram: Telegram): void {
  const callApi = telegram.callApi.bind(telegram);
  telegram.callApi = (async (method: string, payload: unknown, options?: unknown) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await (callApi as (m: string, p: unknown, o?: unknown) => Promise<unknown>)(method, payload, options);
      } catch (error) {
        const retryAfter =
          error instanceof TelegramError && error.code === 429 ? error.parameters?.retry_after : undefined;
        if (retryAfter === undefined || retryAfter > MAX_WAIT_S || attempt >= MAX_ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000));
      }
    }
  }) as Telegram['callApi'];
}
