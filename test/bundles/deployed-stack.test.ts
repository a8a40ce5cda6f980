// The synthesized bundles run as Lambda runs them (support/deployment.ts): each function's asset in a
// Node process of its own where only @aws-sdk/* resolves, with the template's environment, against the
// embedded store and the stand-ins of Secrets Manager, SQS, Scheduler, the HTTP API and the Bot API.
// Every handler answers a real-shaped event; a campaign goes from the admin API to a citizen's chat,
// the X outbox and the feeds; no log line carries a secret or a citizen's data; and every AWS call a
// bundle made is one its role grants in the template.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { HANDLED_TYPES } from '#handlers/http/telegram-webhook';
import { BOT_TOKEN, type Deployment, deploy } from './support/deployment';
import { roleStatements, ungranted } from './support/grants';
import { resourcesOf } from './support/template';

let d: Deployment;
let adminToken: string;
/** What the operator writes after deploy (docs/aws.md « After the first deploy »). */
const WEBHOOK_SECRET = 'bundleTestsWebhookSecret0123456789';
const CHAT = 987_654_321;
const CITIZEN_TEXT = 'Mon idée secrète pour la place Graslin';

const fn = (id: string) => {
  const found = d.functions.get(id);
  if (!found) throw new Error(`no function ${id} in the template (${[...d.functions.keys()].join(', ')})`);
  return found;
};
const secretArn = (prefix: string) => [...d.secretArns].find(([id]) => id.startsWith(prefix))![1];

async function http(method: string, path: string, body?: unknown, token: string | null = adminToken) {
  const res = await fetch(`${d.api.url}${path}`, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json, headers: res.headers };
}

beforeAll(async () => {
  d = await deploy(inject('assemblyDir'));
  adminToken = JSON.parse(d.secrets.value(secretArn('SecretsAdmin'))!).adminToken;
  // The operator's step after deploy: bot token and webhook secret written beside the generated subscriber key…
  const telegram = secretArn('SecretsTelegram');
  const current = JSON.parse(d.secrets.value(telegram)!);
  d.secrets.put(telegram.split(':secret:')[1]!.replace(/-\w{6}$/, ''), {
    ...current,
    botToken: BOT_TOKEN,
    webhookSecret: WEBHOOK_SECRET,
  });
  // …and the webhook registered with Telegram, with its secret token and the update types the bot handles.
  const set = await d.telegram.callApi('setWebhook', {
    url: `${d.api.url}/telegram/webhook`,
    secret_token: WEBHOOK_SECRET,
    allowed_updates: JSON.stringify(HANDLED_TYPES),
  });
  expect(set.ok).toBe(true);
});

afterAll(async () => {
  // Each sandbox's first init (the bundle's import, as Lambda counts it), for the record; the benchmark times it properly.
  const initMs = Object.fromEntries(
    [...(d?.functions ?? [])].map(([id, f]) => [id, Math.round(f.outcomes.find((o) => o.initMs)?.initMs ?? NaN)]),
  );
  console.log('Cold-start init per bundle in this run, ms (machine shared, not a measure):', initMs);
  await d?.close();
});

describe('each function’s sandbox', () => {
  it('is one per bundled function of the template, where only @aws-sdk/* resolves beside the bundle', () => {
    expect([...d.functions.keys()].sort()).toEqual([
      'AdminApi',
      'Dispatch',
      'Feeds',
      'Import',
      'Send',
      'TelegramWebhook',
    ]);
    for (const [id, f] of d.functions) {
      const resolveFromBundle = createRequire(join(f.taskRoot, 'index.mjs')).resolve;
      expect(resolveFromBundle('@aws-sdk/client-sqs'), id).toMatch(/@aws-sdk/);
      for (const other of ['telegraf', 'zod', 'hono', '@aws-lambda-powertools/logger'])
        expect(() => resolveFromBundle(other), `${id} resolved ${other}`).toThrow(/Cannot find module/);
    }
  });
});

describe('every handler answers a real-shaped event', () => {
  it('the admin API (API Gateway, payload 2.0): /health, and /api/v1 with the bootstrap token from its secret', async () => {
    expect((await http('GET', '/health', undefined, null)).status).toBe(200);
    expect((await http('GET', '/api/v1/campaigns', undefined, null)).status).toBe(401);
    expect((await http('GET', '/api/v1/campaigns')).status).toBe(200);
  });

  it('the console: a sign-in through API Gateway sets the session cookie (payload 2.0 `cookies`), which opens the console', async () => {
    const signIn = await fetch(`${d.api.url}/console/connexion`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: d.api.url },
      body: new URLSearchParams({ jeton: adminToken }).toString(),
      redirect: 'manual',
    });
    expect(signIn.status).toBe(303);
    const cookie = signIn.headers.getSetCookie()[0]?.split(';')[0];
    expect(cookie).toMatch(/=.+/);
    const home = await fetch(`${d.api.url}/console`, { headers: { Cookie: cookie! }, redirect: 'manual' });
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toMatch(/text\/html/);
  });

  it('the feeds: an RSS feed, public', async () => {
    const rss = await http('GET', '/feeds/rss.xml', undefined, null);
    expect(rss.status).toBe(200);
    expect(rss.headers.get('content-type')).toMatch(/xml/);
  });

  it('the webhook: refuses an update without the secret header, handles a citizen’s /start sent by Telegram', async () => {
    expect((await http('POST', '/telegram/webhook', { update_id: 1 }, null)).status).toBeGreaterThanOrEqual(400);
    const start = await d.telegram.citizenSays(CHAT, '/start', { first_name: 'Camille', language_code: 'fr' });
    expect(start.delivery).toMatchObject({ status: 200 });
    const consent = d.telegram.lastBotMessage(CHAT);
    expect(consent?.text).toMatch(/Ce que nous gardons/);
    const pressed = await d.telegram.citizenPresses(CHAT, { message_id: consent!.message_id, text: 'J’accepte' });
    expect(pressed.delivery).toMatchObject({ status: 200 });
  });

  it('dispatch (the Scheduler minute tick) and import (its 15-minute tick) answer with their reports', async () => {
    const tick = await fn('Dispatch').invoke({});
    expect(tick.error).toBeUndefined();
    expect(tick.result).toMatchObject({ dispatched: 0 });
    const imported = await fn('Import').invoke({});
    expect(imported.error).toBeUndefined();
    expect(imported.result).toEqual({ checked: 0, imported: 0, failing: 0 });
  });

  it('send (the SQS event source): a message that is not a job goes to the dead-letter queue with its reason', async () => {
    const [source] = d.eventSources;
    const queue = source!.spec.queueUrl;
    const sent = await fetch(d.sqs.url, {
      method: 'POST',
      headers: { 'x-amz-target': 'AmazonSQS.SendMessage', 'content-type': 'application/x-amz-json-1.0' },
      body: JSON.stringify({
        QueueUrl: queue,
        MessageBody: '{"channel":"pigeon"}',
        MessageGroupId: 'malformed',
        MessageDeduplicationId: 'm1',
      }),
    });
    expect(sent.status).toBe(200);
    const outcomes = await source!.drain();
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0]).toMatchObject({ result: { batchItemFailures: [] } });
    const dlq = resourcesOf(d.template, 'AWS::SQS::Queue').find(([, r]) => !r.Properties?.RedrivePolicy)!;
    const parked = d.sqs.messages(d.resolver.resolve({ Ref: dlq[0] }));
    expect(parked).toHaveLength(1);
    expect(parked[0]!.messageAttributes?.reason?.StringValue).toMatch(/pas une tâche d’envoi/);
  });
});

describe('a campaign, end to end through the deployed functions', () => {
  const title = 'Place Graslin : donnez votre avis';
  let campaignId = '';
  let sendAt = '';

  it('an agent writes a démarche and a campaign through the admin API and schedules it: its alarm is set in Scheduler', async () => {
    const inMinutes = (m: number) => new Date(d.clock.now().getTime() + m * 60_000).toISOString();
    const demarche = await http('POST', '/api/v1/demarches', {
      slug: 'place-graslin',
      title: 'Réaménagement de la place Graslin',
      summary: 'La place change : dites ce qui compte pour vous.',
      link: 'https://dialoguecitoyen.metropole.nantes.fr/project/place-graslin',
      themes: ['urbanisme'],
      territories: ['nantes'],
      steps: [{ id: 'avis', kind: 'consultation', title: 'Avis', start: inMinutes(-60), end: inMinutes(60 * 24 * 20) }],
    });
    expect(demarche.status, demarche.text).toBe(201);
    const campaign = await http('POST', '/api/v1/campaigns', {
      message: {
        title,
        text: 'La consultation est ouverte jusqu’au 20 décembre.',
        link: 'https://dialoguecitoyen.metropole.nantes.fr/project/place-graslin',
      },
      channels: ['telegram', 'x', 'feeds'],
      audience: { kind: 'everyone' },
      demarcheSlug: 'place-graslin',
      sendAt: inMinutes(10),
    });
    expect(campaign.status, campaign.text).toBe(201);
    campaignId = campaign.json.id;
    sendAt = campaign.json.sendAt;
    const scheduled = await http('POST', `/api/v1/campaigns/${campaignId}/schedule`);
    expect(scheduled.json?.status, scheduled.text).toBe('scheduled');
    const group = fn('AdminApi').spec.environment.SCHEDULER_GROUP_NAME!;
    const [alarm] = d.scheduler.schedules(group);
    expect(alarm).toMatchObject({ Name: `campaign-${campaignId}`, Target: { Arn: fn('Dispatch').spec.arn } });
  });

  it('the alarm fires (dispatch at the campaign’s time), the send function drains the queue into Telegram, X and the feeds', async () => {
    const group = fn('AdminApi').spec.environment.SCHEDULER_GROUP_NAME!;
    const [alarm] = d.scheduler.schedules(group);
    // Scheduler invokes the target with the schedule's Input, here a second after the campaign's time.
    d.clock.set(new Date(Date.parse(sendAt) + 1000));
    const fired = await fn('Dispatch').invoke(JSON.parse(alarm!.Target.Input!));
    expect(fired.error).toBeUndefined();
    expect(fired.result).toMatchObject({ dispatched: 1 });
    d.scheduler.completed(group, alarm!.Name);
    const outcomes = await d.eventSources[0]!.drain();
    expect(outcomes.length).toBeGreaterThan(0);
    for (const outcome of outcomes) expect(outcome).toMatchObject({ result: { batchItemFailures: [] } });
    const received = d.telegram.messages(CHAT).filter((m) => m.text?.includes(title));
    expect(received).toHaveLength(1);
    // The next tick finalizes the campaign: every channel's count is in.
    const tick = await fn('Dispatch').invoke({});
    expect(tick.error).toBeUndefined();
    const sent = (await http('GET', `/api/v1/campaigns/${campaignId}`)).json;
    expect(sent).toMatchObject({
      status: 'sent',
      counts: { telegram: { sent: 1, failed: 0 }, x: { queued: 1 }, feeds: { published: 1 } },
    });
  });

  it('the feeds function serves it, and the X post waits in the outbox (no X keys written)', async () => {
    expect((await http('GET', '/feeds/rss.xml', undefined, null)).text).toContain(title);
    const outbox = (await http('GET', '/api/v1/x/outbox')).json.items;
    expect(outbox).toEqual([expect.objectContaining({ campaignId, status: 'queued' })]);
  });

  it('the citizen writes to the bot: the webhook answers, and their words stay out of every log', async () => {
    const said = await d.telegram.citizenSays(CHAT, CITIZEN_TEXT);
    expect(said.delivery).toMatchObject({ status: 200 });
    const secrets = [
      BOT_TOKEN,
      WEBHOOK_SECRET,
      adminToken,
      JSON.parse(d.secrets.value(secretArn('SecretsTelegram'))!).subscriberKey,
    ];
    for (const [id, f] of d.functions)
      for (const line of f.logs) {
        for (const secret of secrets) expect(line, `${id} logged a secret`).not.toContain(secret);
        expect(line, `${id} logged the chat id`).not.toContain(String(CHAT));
        expect(line, `${id} logged the citizen’s text`).not.toContain(CITIZEN_TEXT);
      }
  });
});

describe('least privilege, checked against what the bundles really called', () => {
  it('every AWS call of every function is granted by its role in the template', () => {
    const report: Record<string, string[]> = {};
    for (const [id, calls] of d.calls) {
      const statements = roleStatements(d.template, d.logicalIdOf(id));
      report[id] = ungranted(statements, calls, d.resolver, d.secretArns);
    }
    // Actions, with the index a Query read (`dynamodb:Query@gsi1`): what the roles must grant, at least.
    const called = Object.fromEntries(
      [...d.calls].map(([id, calls]) => [
        id,
        [
          ...new Set(
            calls.map((c) => c.action + (c.resource?.includes('/index/') ? `@${c.resource.split('/').at(-1)}` : '')),
          ),
        ].sort(),
      ]),
    );
    console.log('AWS actions each bundle called in this suite:', called);
    expect(report).toEqual(Object.fromEntries([...d.calls.keys()].map((id) => [id, []])));
  });

  it('a call outside a role is reported: the check is not vacuous', () => {
    const statements = roleStatements(d.template, d.logicalIdOf('Feeds'));
    const calls = [
      ...d.calls.get('Feeds')!,
      { action: 'dynamodb:PutItem', resource: d.store.tableName },
      { action: 'sqs:SendMessage', resource: d.eventSources[0]!.spec.queueUrl },
    ];
    expect(ungranted(statements, calls, d.resolver, d.secretArns)).toEqual([
      `dynamodb:PutItem on arn:aws:dynamodb:eu-west-3:123456789012:table/${d.store.tableName}`,
      expect.stringMatching(/^sqs:SendMessage on arn:aws:sqs:eu-west-3:123456789012:.*SendQueue.*\.fifo$/),
    ]);
  });
});
