// Alarms: on the dead letters, the backlog, each function's errors, the tick, the webhook and
// the API, the cut-offs, failed secret reads and an unconfigured bot, all notifying one encrypted
// SNS topic; each one's description points at its section of docs/runbooks.md, which says what to do.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { METRIC, channelMetric } from '#adapters/metrics/names';
import { logicalId, synthesize } from './synth';

let built: ReturnType<typeof synthesize>;
beforeAll(() => {
  built = synthesize();
});

type Alarm = { Properties: Record<string, any> };
const alarms = (): Alarm[] => Object.values(built.template.findResources('AWS::CloudWatch::Alarm')) as Alarm[];
const dimensionRefs = (alarm: Alarm) => JSON.stringify(alarm.Properties.Dimensions ?? []);
const find = (metric: string, construct: Parameters<typeof logicalId>[1]) =>
  alarms().filter(
    (a) => a.Properties.MetricName === metric && dimensionRefs(a).includes(logicalId(built.stack, construct)),
  );

describe('alarms', () => {
  it('fire when the dead-letter queue holds any message', () => {
    const [alarm] = find('ApproximateNumberOfMessagesVisible', built.stack.delivery.deadLetterQueue);
    expect(alarm?.Properties).toMatchObject({
      Namespace: 'AWS/SQS',
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
    });
  });

  it('watch the send backlog age', () => {
    expect(find('ApproximateAgeOfOldestMessage', built.stack.delivery.sendQueue)).toHaveLength(1);
  });

  it('watch errors of every function', () => {
    const { api, delivery, imports } = built.stack;
    for (const fn of [api.adminApi, api.feeds, api.telegramWebhook, delivery.dispatch, delivery.send, imports.import]) {
      expect(find('Errors', fn.function), fn.node.id).toHaveLength(1);
    }
  });

  it('watch webhook throttles and p99 duration', () => {
    const webhook = built.stack.api.telegramWebhook.function;
    expect(find('Throttles', webhook)).toHaveLength(1);
    const [duration] = find('Duration', webhook);
    expect(duration?.Properties.ExtendedStatistic).toBe('p99');
  });

  it('fire when dispatch stops ticking, missing data included', () => {
    const [tick] = find('Invocations', built.stack.delivery.dispatch.function);
    expect(tick?.Properties).toMatchObject({ ComparisonOperator: 'LessThanThreshold', TreatMissingData: 'breaching' });
  });

  it('watch API 5xx', () => {
    const [api5xx] = find('5xx', built.stack.api.httpApi);
    expect(api5xx?.Properties.Namespace).toBe('AWS/ApiGateway');
  });

  it('watch the send function’s own metrics: possible duplicates and failed sends', () => {
    const byMetric = (name: string) => alarms().filter((a) => a.Properties.MetricName === name);
    expect(byMetric('telegram.uncertain')[0]?.Properties).toMatchObject({
      Namespace: 'PorteVoix',
      Threshold: 0,
      Dimensions: [{ Name: 'service', Value: 'porte-voix' }],
    });
    expect(byMetric('telegram.failed')[0]?.Properties).toMatchObject({ Namespace: 'PorteVoix', Threshold: 10 });
  });

  it('all notify the alarm topic, on alarm and on recovery', () => {
    const topic = { Ref: logicalId(built.stack, built.stack.alarms.topic) };
    expect(alarms().length).toBeGreaterThanOrEqual(18);
    for (const alarm of alarms()) {
      expect(alarm.Properties.AlarmActions).toEqual([topic]);
      expect(alarm.Properties.OKActions).toEqual([topic]);
    }
  });

  it('the topic is KMS-encrypted with a key CloudWatch may use', () => {
    const keyId = logicalId(built.stack, built.stack.alarms.node.findChild('TopicKey'));
    built.template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } });
    const key = built.template.toJSON().Resources[keyId];
    expect(key.Properties.EnableKeyRotation).toBe(true);
    expect(key.Properties.KeyPolicy.Statement).toContainEqual(
      expect.objectContaining({ Principal: { Service: 'cloudwatch.amazonaws.com' } }),
    );
  });

  it('watch what the functions count when unconfigured, when a secret cannot be read, and cut-offs', () => {
    const byMetric = (name: string) => alarms().filter((a) => a.Properties.MetricName === name);
    const service = [{ Name: 'service', Value: 'porte-voix' }];
    expect(byMetric(METRIC.cutOff)[0]?.Properties).toMatchObject({
      Namespace: 'PorteVoix',
      Threshold: 1,
      Dimensions: service,
    });
    expect(byMetric(METRIC.secretReadFailed)[0]?.Properties).toMatchObject({ Threshold: 1, Dimensions: service });
    // Bursts of 503s (Telegram's retries) or parked jobs (resumed every 15 minutes) keep one alarm on, not flapping.
    expect(byMetric(METRIC.webhookUnconfigured)[0]?.Properties).toMatchObject({
      Threshold: 0,
      EvaluationPeriods: 3,
      DatapointsToAlarm: 1,
    });
    // Campaign jobs and digests jobs wait on the same token: one alarm sums both, over 15 minutes.
    const parked = Object.values(built.template.findResources('AWS::CloudWatch::Alarm')).find((a) =>
      String(a.Properties.AlarmName).endsWith('-TelegramJobsParked'),
    );
    expect(parked?.Properties).toMatchObject({ EvaluationPeriods: 2, DatapointsToAlarm: 1 });
    const summed = (parked?.Properties.Metrics as { MetricStat?: { Metric: { MetricName: string }; Period: number } }[])
      .filter((m) => m.MetricStat)
      .map((m) => [m.MetricStat!.Metric.MetricName, m.MetricStat!.Period]);
    expect(summed).toEqual([
      [METRIC.telegramParked, 900],
      [channelMetric('digests', 'parked'), 900],
    ]);
  });
});

describe('runbooks', () => {
  const runbooks = readFileSync(new URL('../../docs/runbooks.md', import.meta.url), 'utf8');
  const sections = new Map(
    runbooks
      .split(/^## /m)
      .slice(1)
      .map((section) => [section.slice(0, section.indexOf('\n')).trim(), section] as const),
  );
  const alarmName = (a: Alarm) => (a.Properties.AlarmName as string).replace(/^PorteVoix-/, '');

  it('every alarm has a section that says what it means, what to check and what to do', () => {
    for (const alarm of alarms()) {
      const section = sections.get(alarmName(alarm));
      expect(section, alarmName(alarm)).toBeDefined();
      for (const part of ['**What it means.**', '**What to check.**', '**What to do.**'])
        expect(section, `${alarmName(alarm)}: ${part}`).toContain(part);
    }
  });

  it('every alarm’s description ends with the address of its section', () => {
    for (const alarm of alarms()) {
      const name = alarmName(alarm);
      // GitHub's anchor of `## TelegramWebhookSlow` is #telegramwebhookslow.
      expect(alarm.Properties.AlarmDescription).toMatch(
        new RegExp(`Runbook: docs/runbooks\\.md#${name.toLowerCase()}$`),
      );
      expect(alarm.Properties.AlarmDescription.length).toBeLessThanOrEqual(1024);
    }
  });

  it('has no section for an alarm that no longer exists', () => {
    const names = new Set(alarms().map(alarmName));
    expect([...sections.keys()].filter((title) => !names.has(title))).toEqual([]);
  });
});
