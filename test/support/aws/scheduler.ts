// A stand-in of Amazon EventBridge Scheduler at the HTTP boundary (no AWS account here): a node:http
// server speaking the service's REST-JSON API for the schedules Porte-voix sets and clears (campaign
// alarms: CreateSchedule, UpdateSchedule, DeleteSchedule, GetSchedule), kept by group and name, with
// the service's refusals (409 ConflictException, 404 ResourceNotFoundException) and every request
// recorded. It never fires by itself: a test reads a schedule and invokes its target with its Input,
// as Scheduler would when its time comes.
import { type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ScheduleTarget {
  Arn: string;
  RoleArn: string;
  Input?: string;
  RetryPolicy?: { MaximumRetryAttempts?: number; MaximumEventAgeInSeconds?: number };
}

export interface StoredSchedule {
  Name: string;
  GroupName: string;
  ScheduleExpression: string;
  ScheduleExpressionTimezone?: string;
  ActionAfterCompletion?: string;
  FlexibleTimeWindow?: { Mode: string };
  Description?: string;
  Target: ScheduleTarget;
}

export interface SchedulerStandIn {
  readonly url: string;
  /** The schedules of a group, as the service keeps them. */
  schedules(group: string): StoredSchedule[];
  /** Removes a one-time schedule as the service does once it fired (ActionAfterCompletion DELETE). */
  completed(group: string, name: string): void;
  /** Every request: the operation (from method and path) and the schedule's group/name. */
  readonly requests: { operation: string; schedule: string }[];
  close(): Promise<void>;
}

const OPERATIONS: Record<string, string> = {
  POST: 'CreateSchedule',
  PUT: 'UpdateSchedule',
  DELETE: 'DeleteSchedule',
  GET: 'GetSchedule',
};

export async function startScheduler(): Promise<SchedulerStandIn> {
  const schedules = new Map<string, StoredSchedule>();
  const requests: SchedulerStandIn['requests'] = [];

  const answer = (res: ServerResponse, status: number, body: object, type?: string) => {
    res.writeHead(status, { 'content-type': 'application/json', ...(type ? { 'x-amzn-errortype': type } : {}) });
    res.end(JSON.stringify(type ? { Message: `stand-in: ${type}` } : body));
  };

  const server: Server = createServer(async (req, res) => {
    let raw = '';
    for await (const chunk of req) raw += String(chunk);
    const address = new URL(req.url ?? '/', 'http://stand-in');
    const name = decodeURIComponent(address.pathname.replace(/^\/schedules\//, ''));
    const body = (raw ? JSON.parse(raw) : {}) as Partial<StoredSchedule>;
    const group = body.GroupName ?? address.searchParams.get('groupName') ?? 'default';
    const key = `${group}/${name}`;
    const operation = OPERATIONS[req.method ?? ''] ?? `${req.method} ?`;
    requests.push({ operation, schedule: key });
    const arn = { ScheduleArn: `arn:aws:scheduler:eu-west-3:123456789012:schedule/${key}` };
    if (operation === 'CreateSchedule') {
      if (schedules.has(key)) return answer(res, 409, {}, 'ConflictException');
      schedules.set(key, { ...(body as StoredSchedule), Name: name, GroupName: group });
      return answer(res, 200, arn);
    }
    const found = schedules.get(key);
    if (!found) return answer(res, 404, {}, 'ResourceNotFoundException');
    if (operation === 'UpdateSchedule')
      schedules.set(key, { ...(body as StoredSchedule), Name: name, GroupName: group });
    if (operation === 'DeleteSchedule') schedules.delete(key);
    return answer(
      res,
      200,
      operation === 'GetSchedule' ? { ...found, ...arn } : operation === 'UpdateSchedule' ? arn : {},
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    requests,
    schedules: (group) => [...schedules.values()].filter((s) => s.GroupName === group),
    completed: (group, name) => void schedules.delete(`${group}/${name}`),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
