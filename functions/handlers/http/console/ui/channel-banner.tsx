// The banner every console page shows while Telegram cannot send (« Telegram non configuré » after a
// first deploy, or its secret unreadable): agents learn it before they schedule, not from a campaign
// stuck at 0. Read lazily, by full pages only: live fragments and form posts never wait on it.
import type { MiddlewareHandler } from 'hono';
import type { FC } from 'hono/jsx';
import { channelStatusView, readChannelStatus } from '../../channel-status';
import type { HttpDeps } from '../../deps';
import type { ConsoleEnv } from '../env';

/** Leaves the page a way to read the status, which it does only if it renders the full frame. */
export const channelStatusReader =
  (deps: HttpDeps): MiddlewareHandler<ConsoleEnv> =>
  async (c, next) => {
    c.set('channelStatus', () => readChannelStatus(deps));
    await next();
  };

export const ChannelBanner: FC<{ read?: ConsoleEnv['Variables']['channelStatus'] }> = async ({ read }) => {
  if (!read) return null;
  const { telegram } = channelStatusView(await read());
  if (telegram.state === 'configured') return null;
  return (
    <div class="notice warning channel-banner" role="status" aria-labelledby="etat-telegram">
      <strong id="etat-telegram">{telegram.label}</strong> — {telegram.message}
    </div>
  );
};
