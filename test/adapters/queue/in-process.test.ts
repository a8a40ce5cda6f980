// The in-process queue keeps SQS's promises as a Lambda event source with ReportBatchItemFailures
// sees them: batches of at most 10 records (messageId, JSON body, receive count), copies not shared
// objects, only the records reported failed come back (a throw returns the whole batch), a
// dead-letter list after N receives or at once with the consumer's reason, bounded concurrency, and
// a clean stop. Handlers and retry delays spend virtual time: the test decides when time passes.
import type { SQSEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { createInProcessQueue } from '#adapters/queue/in-process';
import { VirtualTimers, settleOnVirtualTime } from '../../support/virtual-timers';

const bodies = (event: SQSEvent) => event.Records.map((r) => JSON.parse(r.body) as { n: number });

describe('in-process queue', () => {
  it('hands batches of at most 10 records, never more than `concurrency` batches at once, each job a copy', async () => {
    const timers = new VirtualTimers();
    let running = 0;
    let peak = 0;
    const sizes: number[] = [];
    const seen: { n: number }[] = [];
    const queue = createInProcessQueue<{ n: number }>({
      concurrency: 2,
      timers,
      async handle(event) {
        running++;
        peak = Math.max(peak, running);
        sizes.push(event.Records.length);
        for (const record of event.Records) {
          expect(record).toMatchObject({ messageId: expect.any(String), attributes: { ApproximateReceiveCount: '1' } });
        }
        await timers.sleep(5);
        seen.push(...bodies(event));
        running--;
      },
    });
    const jobs = Array.from({ length: 35 }, (_, n) => ({ n }));
    await queue.enqueue(jobs);
    await settleOnVirtualTime(timers, queue.idle());
    expect(seen.map((j) => j.n).sort((a, b) => a - b)).toEqual(jobs.map((j) => j.n));
    expect(seen.some((j) => jobs.includes(j))).toBe(false);
    expect(sizes).toEqual([10, 10, 10, 5]);
    expect(peak).toBe(2);
    expect(queue.stats()).toMatchObject({ handled: 35, queued: 0, running: 0, delayed: 0 });
  });

  it('hands back only the records reported in batchItemFailures, until they succeed', async () => {
    const timers = new VirtualTimers();
    const receives = new Map<number, number[]>();
    const queue = createInProcessQueue<{ n: number }>({
      retryDelayMs: () => 5,
      timers,
      async handle(event) {
        const failures = [];
        for (const record of event.Records) {
          const { n } = JSON.parse(record.body) as { n: number };
          receives.set(n, [...(receives.get(n) ?? []), Number(record.attributes.ApproximateReceiveCount)]);
          if (n === 1 && receives.get(n)!.length < 3) failures.push({ itemIdentifier: record.messageId });
        }
        return { batchItemFailures: failures };
      },
    });
    await queue.enqueue([{ n: 0 }, { n: 1 }, { n: 2 }]);
    await settleOnVirtualTime(timers, queue.idle());
    expect(Object.fromEntries(receives)).toEqual({ 0: [1], 1: [1, 2, 3], 2: [1] });
    expect(queue.deadLetters).toEqual([]);
    expect(queue.stats()).toMatchObject({ handled: 3, failedReceives: 2 });
  });

  it('hands the whole batch back when the handler throws, and dead-letters a message after its last receive', async () => {
    const timers = new VirtualTimers();
    const errors: number[] = [];
    const queue = createInProcessQueue<{ id: string }>({
      maxReceives: 3,
      retryDelayMs: () => 1,
      timers,
      onError: (_record, receives) => errors.push(receives),
      async handle() {
        throw new Error('toujours');
      },
    });
    await queue.enqueue([{ id: 'poison' }]);
    await settleOnVirtualTime(timers, queue.idle());
    expect(errors).toEqual([1, 2, 3]);
    expect(queue.deadLetters).toMatchObject([
      { body: '{"id":"poison"}', receives: 3, reason: expect.stringContaining('3 réceptions') },
    ]);
  });

  it('parks a message the consumer dead-letters, with its reason, without holding the rest of the batch', async () => {
    const timers = new VirtualTimers();
    const done: string[] = [];
    const queue = createInProcessQueue<{ id: string }>({
      timers,
      async handle(event) {
        for (const record of event.Records) {
          if (record.body.startsWith('{')) done.push(record.body);
          else await queue.deadLetter(record, 'corps JSON illisible');
        }
        return { batchItemFailures: [] };
      },
    });
    queue.sendRaw('pas du JSON');
    await queue.enqueue([{ id: 'a' }]);
    await settleOnVirtualTime(timers, queue.idle());
    expect(done).toEqual(['{"id":"a"}']);
    expect(queue.deadLetters).toMatchObject([{ body: 'pas du JSON', receives: 1, reason: 'corps JSON illisible' }]);
  });

  it('brings a failed message back at the time the consumer asked (ChangeMessageVisibility)', async () => {
    const timers = new VirtualTimers();
    const at: number[] = [];
    const queue = createInProcessQueue<{ id: string }>({
      timers,
      async handle(event) {
        at.push(timers.now());
        if (at.length > 1) return { batchItemFailures: [] };
        const [record] = event.Records;
        await queue.retryAt(record!, new Date(timers.now() + 1500));
        return { batchItemFailures: [{ itemIdentifier: record!.messageId }] };
      },
    });
    await queue.enqueue([{ id: 'x' }]);
    await timers.advance(1499); // past the default first backoff (1 s), not yet at the time asked
    expect(at).toHaveLength(1);
    await timers.advance(1);
    await queue.idle();
    expect(at[1]! - at[0]!).toBe(1500);
  });

  it('stops cleanly: running handlers finish, waiting jobs are dropped, new jobs refused', async () => {
    const timers = new VirtualTimers();
    let finished = 0;
    const queue = createInProcessQueue<{ id: number }>({
      batchSize: 1,
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
