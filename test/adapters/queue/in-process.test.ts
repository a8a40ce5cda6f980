// The in-process queue keeps SQS's promises: copies not shared objects, at-least-once (a failed job
// comes back), a dead-letter list after N receives, bounded concurrency, and a clean stop.
import { describe, expect, it } from 'vitest';
import { createInProcessQueue } from '#adapters/queue/in-process';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('in-process queue', () => {
  it('runs every job, never more than `concurrency` at once, each on its own copy', async () => {
    let running = 0;
    let peak = 0;
    const seen: { n: number }[] = [];
    const queue = createInProcessQueue<{ n: number }>({
      concurrency: 3,
      async handle(job) {
        running++;
        peak = Math.max(peak, running);
        await tick(5);
        seen.push(job);
        running--;
      },
    });
    const jobs = Array.from({ length: 10 }, (_, n) => ({ n }));
    await queue.enqueue(jobs);
    await queue.idle();
    expect(seen.map((j) => j.n).sort((a, b) => a - b)).toEqual(jobs.map((j) => j.n));
    expect(seen.some((j) => jobs.includes(j))).toBe(false);
    expect(peak).toBe(3);
    expect(queue.stats()).toMatchObject({ handled: 10, queued: 0, running: 0, delayed: 0 });
  });

  it('delivers a failed job again until it succeeds (at-least-once)', async () => {
    const receives: number[] = [];
    const queue = createInProcessQueue<{ id: string }>({
      retryDelayMs: () => 5,
      async handle() {
        receives.push(receives.length + 1);
        if (receives.length < 3) throw new Error('pas encore');
      },
    });
    await queue.enqueue([{ id: 'a' }]);
    await queue.idle();
    expect(receives).toEqual([1, 2, 3]);
    expect(queue.deadLetters).toEqual([]);
    expect(queue.stats()).toMatchObject({ handled: 1, failedReceives: 2 });
  });

  it('puts a job that fails every receive in the dead letters, with its last error', async () => {
    const errors: number[] = [];
    const queue = createInProcessQueue<{ id: string }>({
      maxReceives: 3,
      retryDelayMs: () => 1,
      onError: (_error, _job, receives) => errors.push(receives),
      async handle() {
        throw new Error('toujours');
      },
    });
    await queue.enqueue([{ id: 'poison' }]);
    await queue.idle();
    expect(errors).toEqual([1, 2, 3]);
    expect(queue.deadLetters).toMatchObject([{ job: { id: 'poison' }, receives: 3, error: { message: 'toujours' } }]);
  });

  it('waits until a channel’s retryAt before delivering again', async () => {
    const at: number[] = [];
    const queue = createInProcessQueue<{ id: string }>({
      async handle() {
        at.push(Date.now());
        if (at.length === 1)
          throw Object.assign(new Error('plus tard'), { retryAt: new Date(Date.now() + 1500).toISOString() });
      },
    });
    await queue.enqueue([{ id: 'x' }]);
    await queue.idle();
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(1400);
  });

  it('stops cleanly: running handlers finish, waiting jobs are dropped, new jobs refused', async () => {
    let finished = 0;
    const queue = createInProcessQueue<{ id: number }>({
      concurrency: 1,
      async handle() {
        await tick(20);
        finished++;
      },
    });
    await queue.enqueue([{ id: 1 }, { id: 2 }, { id: 3 }]);
    await tick(5);
    await queue.stop();
    expect(finished).toBe(1);
    await expect(queue.enqueue([{ id: 4 }])).rejects.toThrow();
    await queue.idle();
  });
});
