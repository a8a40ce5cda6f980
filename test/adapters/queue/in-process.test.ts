// The in-process queue keeps SQS's promises: copies not shared objects, at-least-once (a failed job
// comes back), a dead-letter list after N receives, bounded concurrency, and a clean stop. Handlers
// and retry delays spend virtual time: the test decides when time passes, never the machine's speed.
import { describe, expect, it } from 'vitest';
import { createInProcessQueue } from '#adapters/queue/in-process';
import { VirtualTimers, settleOnVirtualTime } from '../../support/virtual-timers';

describe('in-process queue', () => {
  it('runs every job, never more than `concurrency` at once, each on its own copy', async () => {
    const timers = new VirtualTimers();
    let running = 0;
    let peak = 0;
    const seen: { n: number }[] = [];
    const queue = createInProcessQueue<{ n: number }>({
      concurrency: 3,
      timers,
      async handle(job) {
        running++;
        peak = Math.max(peak, running);
        await timers.sleep(5);
        seen.push(job);
        running--;
      },
    });
    const jobs = Array.from({ length: 10 }, (_, n) => ({ n }));
    await queue.enqueue(jobs);
    await settleOnVirtualTime(timers, queue.idle());
    expect(seen.map((j) => j.n).sort((a, b) => a - b)).toEqual(jobs.map((j) => j.n));
    expect(seen.some((j) => jobs.includes(j))).toBe(false);
    expect(peak).toBe(3);
    expect(queue.stats()).toMatchObject({ handled: 10, queued: 0, running: 0, delayed: 0 });
  });

  it('delivers a failed job again until it succeeds (at-least-once)', async () => {
    const timers = new VirtualTimers();
    const receives: number[] = [];
    const queue = createInProcessQueue<{ id: string }>({
      retryDelayMs: () => 5,
      timers,
      async handle() {
        receives.push(timers.now());
        if (receives.length < 3) throw new Error('pas encore');
      },
    });
    await queue.enqueue([{ id: 'a' }]);
    await settleOnVirtualTime(timers, queue.idle());
    expect(receives.map((at) => at - receives[0]!)).toEqual([0, 5, 10]);
    expect(queue.deadLetters).toEqual([]);
    expect(queue.stats()).toMatchObject({ handled: 1, failedReceives: 2 });
  });

  it('puts a job that fails every receive in the dead letters, with its last error', async () => {
    const timers = new VirtualTimers();
    const errors: number[] = [];
    const queue = createInProcessQueue<{ id: string }>({
      maxReceives: 3,
      retryDelayMs: () => 1,
      timers,
      onError: (_error, _job, receives) => errors.push(receives),
      async handle() {
        throw new Error('toujours');
      },
    });
    await queue.enqueue([{ id: 'poison' }]);
    await settleOnVirtualTime(timers, queue.idle());
    expect(errors).toEqual([1, 2, 3]);
    expect(queue.deadLetters).toMatchObject([{ job: { id: 'poison' }, receives: 3, error: { message: 'toujours' } }]);
  });

  it('waits until a channel’s retryAt before delivering again', async () => {
    const timers = new VirtualTimers();
    const at: number[] = [];
    const queue = createInProcessQueue<{ id: string }>({
      timers,
      async handle() {
        at.push(timers.now());
        if (at.length === 1)
          throw Object.assign(new Error('plus tard'), { retryAt: new Date(timers.now() + 1500).toISOString() });
      },
    });
    await queue.enqueue([{ id: 'x' }]);
    await timers.advance(1499); // past the default first backoff (1 s), not yet at retryAt
    expect(at).toHaveLength(1);
    await timers.advance(1);
    await queue.idle();
    expect(at[1]! - at[0]!).toBe(1500);
  });

  it('stops cleanly: running handlers finish, waiting jobs are dropped, new jobs refused', async () => {
    const timers = new VirtualTimers();
    let finished = 0;
    const queue = createInProcessQueue<{ id: number }>({
      concurrency: 1,
      timers,
      async handle() {
        await timers.sleep(20);
        finished++;
      },
    });
    await queue.enqueue([{ id: 1 }, { id: 2 }, { id: 3 }]);
    await timers.advance(5);
    expect(queue.stats()).toMatchObject({ running: 1, queued: 2 });
    const stopped = queue.stop();
    await timers.advance(15); // the running handler finishes its work; the others never start
    await stopped;
    expect(finished).toBe(1);
    expect(queue.stats()).toMatchObject({ running: 0, queued: 0, handled: 1 });
    await expect(queue.enqueue([{ id: 4 }])).rejects.toThrow();
    await queue.idle();
  });
});
