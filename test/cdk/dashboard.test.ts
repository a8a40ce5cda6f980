// The operators' dashboard, read from the template: one per stack, named after it, with the alarms'
// status on top and a graph for each thing issue #12 asks to watch (sends by channel, 429s, uncertain
// sends, DLQ depth, webhook latency, errors, cut-offs), our metrics by the names the code publishes.
import { beforeAll, describe, expect, it } from 'vitest';
import { METRIC, METRICS_NAMESPACE, channelMetric } from '#adapters/metrics/names';
import { logicalId, synthesize } from './synth';

let built: ReturnType<typeof synthesize>;
type Widget = { type: string; properties: Record<string, any> };
let widgets: Widget[];

/** The dashboard body with each CloudFormation reference written as `<Ref:logicalId>`. */
function body(): { widgets: Widget[] } {
  const dashboards = Object.values(built.template.findResources('AWS::CloudWatch::Dashboard'));
  expect(dashboards).toHaveLength(1);
  const source = dashboards[0]!.Properties.DashboardBody;
  if (typeof source === 'string') return JSON.parse(source);
  const [, parts] = source['Fn::Join'] as [string, unknown[]];
  const text = parts
    .map((p) => (typeof p === 'string' ? p : `<Ref:${(p as any).Ref ?? JSON.stringify(p).replaceAll('"', '')}>`))
    .join('');
  return JSON.parse(text);
}

const graphs = () => widgets.filter((w) => w.type === 'metric');
const titled = (title: string) => {
  const widget = graphs().find((w) => w.properties.title === title);
  expect(widget, title).toBeDefined();
  return widget!.properties;
};
/** Metric names of a graph, as [namespace, name] pairs. */
const metricsOf = (title: string) =>
  (titled(title).metrics as unknown[][]).map((m) => [m[0], m[1]] as [string, string]);

beforeAll(() => {
  built = synthesize();
  widgets = body().widgets;
});

describe('the dashboard', () => {
  it('is named after the stack and its URL is an output', () => {
    built.template.hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: 'PorteVoix' });
    const url = built.template.findOutputs('DashboardUrl').DashboardUrl?.Value;
    expect(url).toBe(
      'https://eu-west-3.console.aws.amazon.com/cloudwatch/home?region=eu-west-3#dashboards:name=PorteVoix',
    );
  });

  it('shows every alarm’s state first', () => {
    const [status] = widgets.filter((w) => w.type === 'alarm');
    const alarms = Object.keys(built.template.findResources('AWS::CloudWatch::Alarm'));
    expect(status?.properties.alarms).toHaveLength(alarms.length);
    expect(widgets.findIndex((w) => w.type === 'alarm')).toBeLessThan(widgets.findIndex((w) => w.type === 'metric'));
  });

  it('graphs campaign sends by channel, with the names send-batch publishes', () => {
    expect(metricsOf('Campaign sends by channel')).toEqual(
      ['telegram', 'digests', 'x', 'feeds'].map((c) => [METRICS_NAMESPACE, channelMetric(c as 'x', 'sent')]),
    );
  });

  it('graphs 429s, uncertain sends and parked Telegram jobs', () => {
    expect(metricsOf('Telegram: 429s and uncertain sends').map(([, name]) => name)).toEqual(
      expect.arrayContaining([METRIC.telegramRateLimited, channelMetric('telegram', 'uncertain')]),
    );
    expect(metricsOf('Telegram: not delivered').map(([, name]) => name)).toContain(METRIC.telegramParked);
  });

  it('puts the share of sends answered 429 beside DESIGN.md’s 0.5 % bound', () => {
    const metrics = titled('Telegram: 429s and uncertain sends').metrics as unknown[][];
    const share = metrics.find((m) => typeof m[0] === 'object' && 'expression' in (m[0] as object))?.[0] as any;
    expect(share).toMatchObject({ expression: '100 * FILL(limited, 0) / sent', yAxis: 'right' });
    const ids = metrics.map((m) => (m.at(-1) as { id?: string }).id).filter(Boolean);
    expect(ids).toEqual(expect.arrayContaining(['limited', 'sent']));
  });

  it('graphs the dead-letter queue’s depth beside the send queue', () => {
    const metrics = JSON.stringify(titled('Send queue and dead letters').metrics);
    const dlq = logicalId(built.stack, built.stack.delivery.deadLetterQueue);
    expect(metrics).toContain('ApproximateNumberOfMessagesVisible');
    expect(metrics).toContain(dlq);
    expect(metrics).toContain('ApproximateAgeOfOldestMessage');
  });

  it('graphs the webhook’s latency at p50 and p99, with the alarm’s line', () => {
    const latency = titled('Telegram webhook latency (ms)');
    const webhook = logicalId(built.stack, built.stack.api.telegramWebhook.function);
    const durations = (latency.metrics as unknown[][]).filter((m) => m[1] === 'Duration');
    expect(durations.map((m) => (m.at(-1) as { stat: string }).stat)).toEqual(['p50', 'p99', 'Maximum']);
    expect(JSON.stringify(durations)).toContain(webhook);
    expect(latency.annotations.horizontal[0].value).toBe(3000);
  });

  it('graphs errors of every function, the API’s 5xx, cut-offs and failed secret reads', () => {
    expect(metricsOf('Function errors').filter(([, name]) => name === 'Errors')).toHaveLength(6);
    expect(metricsOf('HTTP API answers').map(([, name]) => name)).toContain('5xx');
    expect(metricsOf('Cut-offs, secrets, unconfigured webhook').map(([, name]) => name)).toEqual(
      expect.arrayContaining([METRIC.cutOff, METRIC.secretReadFailed, METRIC.webhookUnconfigured]),
    );
  });

  it('reads our metrics with the one dimension Powertools adds', () => {
    for (const widget of graphs())
      for (const metric of widget.properties.metrics as unknown[][])
        if (metric[0] === METRICS_NAMESPACE)
          expect(metric.slice(2, 4), String(metric[1])).toEqual(['service', 'porte-voix']);
  });

  it('lays rows within 24 columns', () => {
    for (const widget of widgets) expect((widget as any).x + (widget as any).width).toBeLessThanOrEqual(24);
  });
});
