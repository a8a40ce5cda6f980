// Issue #12, item 2, as the deployed bundles must behave right after `cdk deploy`, before the operator
// writes the bot token: the webhook answers a clear 503 (not a crash at init), a campaign on X and the
// feeds still goes, nothing reaches the dead-letter queue, the API says « Telegram non configuré »;
// then the token is written and, past the secrets' maximum age, the same warm sandboxes use it
// (rotation without a redeploy).
//
// SKIPPED ON PURPOSE until engineers SECRETS (§1) and OPS (§6) are merged: on main the webhook's init
// fails (API Gateway answers 500) and every send job fails, which is the bug this test describes.
// The lead removes `.skip` after those merges; nothing else in this file depends on them.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { BOT_TOKEN, type Deployment, deploy } from './support/deployment';
import { resourcesOf } from './support/template';

let d: Deployment;
let adminToken: string;
const WEBHOOK_SECRET = 'bundleTestsWebhookSecret0123456789';
/** Past SECRETS_MAX_AGE_SECONDS' default (300 s): a cached secret is read again. */
const PAST_MAX_AGE_MS = 301_000;

const secretArn = (prefix: string) => [...d.secretArns].find(([id]) => id.startsWith(prefix))![1];

async function http(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${d.api.url}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${adminToken}`,
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...headers,
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
  return { status: res.status, text, json };
}

beforeAll(async () => {
  d = await deploy(inject('assemblyDir'));
  adminToken = JSON.parse(d.secrets.value(secretArn('SecretsAdmin'))!).adminToken;
});

afterAll(async () => {
  await d?.close();
});

describe('right after deploy, before the bot token is written', () => {
  it('the webhook answers a clear 503 and logs why, without the token', async () => {
    const webhook = d.functions.get('TelegramWebhook')!;
    const answer = await http('POST', '/telegram/webhook', { update_id: 1 });
    expect(answer.status).toBe(503);
    expect(answer.json).toBeTruthy();
    expect(webhook.logs.some((line) => /WARN/.test(line))).toBe(true);
  });

  it('the API tells agents « Telegram non configuré »', async () => {
    const status = await http('GET', '/api/v1/status');
    expect(status.status).toBe(200);
    expect(status.text).toMatch(/non configuré|unconfigured/);
  });

  it('a campaign on X and the feeds goes; nothing reaches the dead-letter queue', async () => {
    const inMinutes = (m: number) => new Date(d.clock.now().getTime() + m * 60_000).toISOString();
    const campaign = await http('POST', '/api/v1/campaigns', {
      message: {
        title: 'Avant le jeton',
        text: 'Les flux et X partent sans Telegram.',
        link: 'https://dialoguecitoyen.metropole.nantes.fr/',
      },
      channels: ['x', 'feeds'],
      audience: { kind: 'everyone' },
      sendAt: inMinutes(10),
    });
    expect(campaign.status, campaign.text).toBe(201);
    expect((await http('POST', `/api/v1/campaigns/${campaign.json.id}/schedule`)).status).toBe(200);
    d.clock.set(new Date(Date.parse(campaign.json.sendAt) + 1000));
    expect((await d.functions.get('Dispatch')!.invoke({ campaignId: campaign.json.id })).error).toBeUndefined();
    for (const outcome of await d.eventSources[0]!.drain())
      expect(outcome).toMatchObject({ result: { batchItemFailures: [] } });
    const [dlq] = resourcesOf(d.template, 'AWS::SQS::Queue').find(([, r]) => !r.Properties?.RedrivePolicy)!;
    expect(d.sqs.messages(d.resolver.resolve({ Ref: dlq }))).toHaveLength(0);
    expect((await http('GET', '/feeds/rss.xml')).text).toContain('Avant le jeton');
  });

  it('once the operator writes the token, the warm webhook uses it past the maximum age (no redeploy)', async () => {
    const telegram = secretArn('SecretsTelegram');
    d.secrets.put(telegram.split(':secret:')[1]!.replace(/-\w{6}$/, ''), {
      ...JSON.parse(d.secrets.value(telegram)!),
      botToken: BOT_TOKEN,
      webhookSecret: WEBHOOK_SECRET,
    });
    d.clock.advance(PAST_MAX_AGE_MS);
    await d.telegram.callApi('setWebhook', { url: `${d.api.url}/telegram/webhook`, secret_token: WEBHOOK_SECRET });
    const start = await d.telegram.citizenSays(123_456_789, '/start', { first_name: 'Alex', language_code: 'fr' });
    expect(start.delivery).toMatchObject({ status: 200 });
    expect(d.telegram.lastBotMessage(123_456_789)?.text).toMatch(/Ce que nous gardons/);
  });
});
