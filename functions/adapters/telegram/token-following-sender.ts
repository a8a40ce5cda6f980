// The campaign sender of a process whose bot token lives outside it (AWS: the Telegram secret, read
// with a max age): built again when the token changes, so a rotated token needs no redeploy, and
// refusing with `TelegramNotConfigured` while there is none, so jobs are parked rather than failed.
import { type TelegramSender, TelegramNotConfigured } from '#core/delivery/ports';
import type { TelegramCampaignSender } from './sender';

export function createTokenFollowingSender(
  /** The current token, "" while none is written (secret-shapes.ts); throws when it cannot be read. */
  readToken: () => Promise<string>,
  /** May load the sender (telegraf) when first needed: a Lambda that rarely sends does not pay for it at init. */
  build: (token: string) => TelegramCampaignSender | Promise<TelegramCampaignSender>,
): TelegramSender {
  let current: { token: string; sender: Promise<TelegramCampaignSender> } | undefined;
  const sender = async () => {
    const token = await readToken();
    if (!token) throw new TelegramNotConfigured('Telegram non configuré : pas encore de jeton de bot');
    if (current?.token !== token) {
      // The old token's sends in flight end; those waiting for the rate limiter come back `deferred`
      // (their job's retry sends them): two limiters at once would double the pace Telegram allows.
      void current?.sender.then((old) => old.close()).catch(() => undefined);
      const building = Promise.resolve(build(token));
      current = { token, sender: building };
      // A sender that failed to build is not kept: the next send builds it again (as a failed secret read is not kept).
      building.catch(() => {
        if (current?.sender === building) current = undefined;
      });
    }
    return current.sender;
  };
  return {
    checkConfigured: async () => void (await sender()),
    // The core passes what this adapter's renderer made (campaign-message.ts), untouched.
    send: async (chatId, message, options) => (await sender()).send(chatId, message, options),
  };
}
