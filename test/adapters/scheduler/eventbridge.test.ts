// Campaign alarms against a stand-in of the EventBridge Scheduler API at the HTTP boundary (no AWS
// account here): a tiny node:http server that keeps schedules by group and name, answers as the
// REST-JSON API does (409 ConflictException, 404 ResourceNotFoundException) and records each request.
import { type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { alarmMinute, createEventBridgeAlarm } from '#adapters/scheduler/eventbridge';
import { fixedClock } from '#adapters/system/clock';

interface Request {
  method: string;
  name: string;
  query: Record<string, string>;
  body: Record<string, unknown> | undefined;
}

let server: Server;
let url: string;
const requests: Request[] = [];
/** Schedules by `group/name`, as the service keeps them. */
const schedules = new Map<string, Record<string, unknown>>();
/** An answer forced for the next request (e.g. access denied), instead of the service's own. */
let forced: { status: number; type: string } | undefined;

function answer(res: ServerResponse, status: number, body: object, type?: string) {
  res.writeHead(status, { 'content-type': 'application/json', ...(type ? { 'x-amzn-errortype': type } : {}) });
  res.end(JSON.stringify(type ? { Message: `stand-in: ${type}` } : body));
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    let raw = '';
    for await (const chunk of req) raw += String(chunk);
    const address = new URL(req.url ?? '/', 'http://stand-in');
    const name = decodeURIComponent(address.pathname.replace(/^\/schedules\//, ''));
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : undefined;
    const query = Object.fromEntries(address.searchParams);
    requests.push({ method: req.method ?? '', name, query, body });
    if (forced) return answer(res, forced.status, {}, forced.type);
    const group = (body?.GroupName as string | undefined) ?? query.groupName ?? 'default';
    const key = `${group}/${name}`;
    const arn = { ScheduleArn: `arn:aws:scheduler:eu-west-3:123456789012:schedule/${key}` };
    if (req.method === 'POST') {
      if (schedules.has(key)) return answer(res, 409, {}, 'ConflictException');
      schedules.set(key, body ?? {});
      return answer(res, 200, arn);
    }
    if (!schedules.has(key)) return answer(res, 404, {}, 'ResourceNotFoundException');
    if (req.method === 'PUT') schedules.set(key, body ?? {});
    if (req.method === 'DELETE') schedules.delete(key);
    return answer(res, 200, req.method === 'PUT' ? arn : {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  requests.length = 0;
  schedules.clear();
  forced = undefined;
});

const GROUP = 'PorteVoix-campaign-alarms';
const DISPATCH = 'arn:aws:lambda:eu-west-3:123456789012:function:PorteVoix-Dispatch';
const ROLE = 'arn:aws:iam::123456789012:role/PorteVoix-DispatchTickRole';
const clock = fixedClock('2026-12-01T07:00:00.000Z');

const alarm = () =>
  createEventBridgeAlarm({
    groupName: GROUP,
    targetArn: DISPATCH,
    roleArn: ROLE,
    clock,
    client: {
      endpoint: url,
      region: 'eu-west-3',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    },
  });

describe('the alarm minute', () => {
  it('is the minute before the campaign’s, so Scheduler’s minute of slack ends before the campaign’s time', () => {
    expect(alarmMinute(new Date('2026-12-01T09:00:00.000Z')).toISOString()).toBe('2026-12-01T08:59:00.000Z');
    expect(alarmMinute(new Date('2026-12-01T09:00:42.500Z')).toISOString()).toBe('2026-12-01T08:59:00.000Z');
  });
});

describe('EventBridge Scheduler campaign alarms', () => {
  it('set: one one-time schedule in the stack’s group, UTC, that invokes dispatch with the campaign and deletes itself', async () => {
    await alarm().set('c42', new Date('2026-12-01T09:00:00.000Z'));
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ method: 'POST', name: 'campaign-c42' });
    expect(requests[0]?.body).toEqual({
      // The SDK's idempotency token: a retried call does not create a second schedule.
      ClientToken: expect.any(String),
      GroupName: GROUP,
      Description: 'Porte-voix : envoi de la campagne c42',
      ScheduleExpression: 'at(2026-12-01T08:59:00)',
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      Target: {
        Arn: DISPATCH,
        RoleArn: ROLE,
        Input: '{"campaignId":"c42"}',
        RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 60 },
      },
    });
  });

  it('set again (rescheduled): the same schedule moves to the new time', async () => {
    const alarms = alarm();
    await alarms.set('c42', new Date('2026-12-01T09:00:00.000Z'));
    await alarms.set('c42', new Date('2026-12-01T10:30:00.000Z'));
    expect(requests.map((r) => r.method)).toEqual(['POST', 'POST', 'PUT']);
    expect(schedules.get(`${GROUP}/campaign-c42`)?.ScheduleExpression).toBe('at(2026-12-01T10:29:00)');
    expect(schedules.size).toBe(1);
  });

  it('clear: deletes the campaign’s schedule in the group; one already gone is no error', async () => {
    const alarms = alarm();
    await alarms.set('c42', new Date('2026-12-01T09:00:00.000Z'));
    await alarms.clear('c42');
    expect(requests.at(-1)).toMatchObject({ method: 'DELETE', name: 'campaign-c42', query: { groupName: GROUP } });
    expect(schedules.size).toBe(0);
    await expect(alarms.clear('c42')).resolves.toBeUndefined();
  });

  it('set too near for a schedule to fire before the campaign’s time: none is created, an older one is removed', async () => {
    const alarms = alarm();
    await alarms.set('c42', new Date('2026-12-01T09:00:00.000Z'));
    // 07:01:30 → the alarm minute would be 07:00, already begun: the minute tick takes the campaign.
    await alarms.set('c42', new Date('2026-12-01T07:01:30.000Z'));
    expect(requests.map((r) => r.method)).toEqual(['POST', 'DELETE']);
    expect(schedules.size).toBe(0);
  });

  it('passes any other refusal on (the use cases log it; the tick stays the safety net)', async () => {
    forced = { status: 403, type: 'AccessDeniedException' };
    await expect(alarm().set('c42', new Date('2026-12-01T09:00:00.000Z'))).rejects.toMatchObject({
      name: 'AccessDeniedException',
    });
  });
});
