// The send rate limiter on virtual time: the windows are judged on ARRIVALS, as Telegram counts them
// (the simulator's own strict rolling windows are the judge), whatever the round trips and however
// late the timers fire; lateness costs once per window, not once per send; paid broadcast has its
// own ceiling in the same window; a pause holds every send; an aborted wait leaves the line.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Timers } from '#adapters/system/timers';
import { SendRateLimiter, type SendLimits, TELEGRAM_SEND_LIMITS } from '#adapters/telegram/rate-limiter';
import { SendRateLimiter as StrictWindows } from '#local/telegram-simulator/rate-limiter';
import { VirtualTimers, settleOnVirtualTime } from '../../support/virtual-timers';

/** Timers whose wake-ups come late by `lateness()` ms, as a loaded event loop's do. */
const late = (timers: VirtualTimers, lateness: () => number): Timers => ({
  now: timers.now,
  sleep: (ms, signal) => timers.sleep(ms + lateness(), signal),
});

interface Send {
  chat: number;
  paid?: boolean;
}
interface Grant extends Send {
  grantedAt: number;
  answeredAt: number;
}

/** Acquires a slot for every send at once; each answer comes back `roundTrip(i)` ms after its grant. */
async function run(
  limiter: SendRateLimiter,
  timers: VirtualTimers,
  sends: readonly Send[],
  roundTrip: (i: number) => number,
): Promise<Grant[]> {
  const grants: Grant[] = [];
  await settleOnVirtualTime(
    timers,
    Promise.all(
      sends.map(async (send, i) => {
        const slot = await limiter.acquire(send.chat, undefined, send.paid);
        const grantedAt = timers.now();
        await timers.sleep(roundTrip(i));
        slot.answered();
        grants.push({ ...send, grantedAt, answeredAt: timers.now() });
      }),
    ),
  );
  limiter.close();
  return grants;
}

/** Replays the arrivals through the simulator's strict windows: the chats and the bot whose window would answer 429. */
function rejectedByTelegram(arrivals: readonly (Send & { at: number })[]) {
  const strict = new StrictWindows({ perSecond: 30, paidPerSecond: 1000, perChatPerSecond: 1, includeEdits: false });
  return [...arrivals]
    .sort((a, b) => a.at - b.at)
    .map((a) => strict.take(a.chat, a.at, a.paid === true))
    .filter((verdict) => !verdict.ok);
}

describe('send rate limiter', () => {
  it('never lets more than the limit ARRIVE in any rolling window, globally or per chat, whatever the round trips and late timers', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ chat: fc.integer({ min: 1, max: 40 }), paid: fc.boolean() }), {
          minLength: 31,
          maxLength: 150,
          size: 'max',
        }),
        fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 16 }),
        fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 16 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 16 }),
        async (sends, roundTrips, latenesses, where) => {
          const timers = new VirtualTimers();
          let wake = 0;
          const limiter = new SendRateLimiter(
            { ...TELEGRAM_SEND_LIMITS, paid: { limit: 60, windowMs: 1000 } },
            late(timers, () => latenesses[wake++ % latenesses.length]!),
          );
          const grants = await run(limiter, timers, sends, (i) => roundTrips[i % roundTrips.length]!);
          expect(grants).toHaveLength(sends.length);
          // Telegram counted each request at some instant between its departure and its answer.
          const arrivals = grants.map((g, i) => ({
            ...g,
            at: g.grantedAt + where[i % where.length]! * (g.answeredAt - g.grantedAt),
          }));
          const strict = new StrictWindows({
            perSecond: 30,
            paidPerSecond: 60,
            perChatPerSecond: 1,
            includeEdits: false,
          });
          const refused = [...arrivals]
            .sort((a, b) => a.at - b.at)
            .map((a) => strict.take(a.chat, a.at, a.paid === true))
            .filter((verdict) => !verdict.ok);
          expect(refused).toEqual([]);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('paces from the answers and the ideal timeline: a timer 5 ms late costs 5 ms a window, not 5 ms a send', async () => {
    const timers = new VirtualTimers();
    const limiter = new SendRateLimiter(
      TELEGRAM_SEND_LIMITS,
      late(timers, () => 5),
    );
    const started = timers.now();
    const sends = Array.from({ length: 300 }, (_, i) => ({ chat: i + 1 }));
    const grants = await run(limiter, timers, sends, () => 2);
    const last = Math.max(...grants.map((g) => g.grantedAt)) - started;
    // Ten windows of 30, each 1,000 ms + the 2 ms round trip + the 5 ms late wake-up; paced from each
    // late grant, 30 sends a window would each add their 5 ms: 11.5 s.
    expect(last).toBeGreaterThanOrEqual(9 * 1000);
    expect(last).toBeLessThanOrEqual(9 * 1007 + 1000);
    expect(rejectedByTelegram(grants.map((g) => ({ ...g, at: g.answeredAt })))).toEqual([]);
    // Sustained: 270 sends after the first window's 30, over nine windows.
    const ninth = [...grants].sort((a, b) => a.grantedAt - b.grantedAt);
    expect(270 / ((ninth[299]!.grantedAt - ninth[29]!.grantedAt) / 1000)).toBeGreaterThanOrEqual(29.4);
  });

  it('catches up after a stalled wake-up as far as the window allows, then keeps the pace', async () => {
    const timers = new VirtualTimers();
    let wake = 0;
    // The 40th wake-up comes 300 ms late (a long GC pause, a busy loop).
    const limiter = new SendRateLimiter(
      TELEGRAM_SEND_LIMITS,
      late(timers, () => (++wake === 40 ? 300 : 0)),
    );
    const grants = await run(
      limiter,
      timers,
      Array.from({ length: 120 }, (_, i) => ({ chat: i + 1 })),
      () => 0,
    );
    const times = grants.map((g) => g.grantedAt).sort((a, b) => a - b);
    // The slots the stall missed left together when it ended…
    const together = Math.max(...[...new Set(times)].map((t) => times.filter((x) => x === t).length));
    expect(together).toBeGreaterThan(1);
    // … so 120 sends took their 119 spacings of 33.3 ms (3,967 ms), not those and the stall.
    expect(times[119]! - times[0]!).toBeLessThanOrEqual(3967 + 40);
    expect(rejectedByTelegram(grants.map((g) => ({ ...g, at: g.grantedAt })))).toEqual([]);
  });

  it('lets paid sends go at their own ceiling while plain sends keep theirs, in the same window', async () => {
    const timers = new VirtualTimers();
    const limits = TELEGRAM_SEND_LIMITS;
    const sends = [
      ...Array.from({ length: 1100 }, (_, i) => ({ chat: i + 1, paid: true })),
      ...Array.from({ length: 40 }, (_, i) => ({ chat: 5000 + i })),
    ];
    const grants = await run(new SendRateLimiter(limits, timers), timers, sends, () => 1);
    const started = Math.min(...grants.map((g) => g.grantedAt));
    const firstSecond = grants.filter((g) => g.grantedAt < started + 1000);
    expect(firstSecond.filter((g) => g.paid).length).toBeGreaterThanOrEqual(900);
    expect(rejectedByTelegram(grants.map((g) => ({ ...g, at: g.answeredAt })))).toEqual([]);
  });

  it('lets a waiting send go when its signal aborts, and holds every send during a pause', async () => {
    const timers = new VirtualTimers();
    const limits: SendLimits = { ...TELEGRAM_SEND_LIMITS, global: { limit: 1, windowMs: 1000 } };
    const limiter = new SendRateLimiter(limits, timers);
    (await limiter.acquire(1)).answered();
    const giveUp = new AbortController();
    const waiting = limiter.acquire(2, giveUp.signal);
    await timers.advance(500);
    expect(limiter.waiting).toBe(1);
    giveUp.abort();
    await expect(waiting).rejects.toBeDefined();
    expect(limiter.waiting).toBe(0);
    limiter.close();

    const paused = new SendRateLimiter(undefined, timers);
    paused.pauseUntil(timers.now() + 300);
    let granted = false;
    const grant = paused.acquire(1).then(() => (granted = true));
    await timers.advance(299);
    expect(granted).toBe(false);
    await timers.advance(1);
    await grant;
    expect(granted).toBe(true);
    paused.close();
  });
});
