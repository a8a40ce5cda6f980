// The one decision a Telegram send job asks before each send (telegram-job.ts `sendTo`): send now,
// or hold the message for the subscriber's digest or the end of their quiet hours. A hold joins the
// digest first, then writes the recipient's ledger line `held` (settled: the campaign can finish).
// In that order a crash between the two loses nothing: the job's retry finds no line and holds it
// again (the digest's set takes a campaign once), and a digest that left meanwhile wrote the line
// `sent` itself, so the retry finds it written.
import type { Campaign } from '../campaigns/campaign';
import type { CoreContext } from '../context';
import { type LineKey, writeFinalLine } from '../delivery/ledger-line';
import type { Subscriber } from '../subscribers/subscriber';
import { deliverySlots } from './schedule';

/** True when the message was held (its line written `held`, or found written): the job sends nothing. */
export async function holdForDigest(
  deps: CoreContext,
  campaign: Pick<Campaign, 'urgent'>,
  subscriber: Subscriber,
  line: LineKey,
  createdAt: string,
  report: { held: number; alreadyDone: number },
): Promise<boolean> {
  // An agent's explicit choice: leaves at once for everyone, digests and quiet hours ignored.
  if (campaign.urgent) return false;
  const now = deps.clock.now();
  for (const slot of deliverySlots(subscriber, now)) {
    // Refused: that digest was claimed by a tick (sending or sent). The next slot takes it.
    if (!(await deps.store.digests.add(subscriber.id, slot.toISOString(), line.campaignId, now.toISOString())))
      continue;
    const written = await writeFinalLine(deps, line, createdAt, { status: 'held', attempts: 0 });
    if (written) report.held++;
    else report.alreadyDone++; // the digest left already and wrote the line `sent`
    return true;
  }
  // No slot (instant, outside quiet hours), or every slot closed meanwhile: it leaves now.
  return false;
}
