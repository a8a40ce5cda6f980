// What follows `cdk deploy`, in the order that loses nothing: check the webhook URL and the token
// before writing anything, write the Telegram secret only if it changes, register the webhook and the
// command menu only if Telegram's differ, check the other secrets' shapes, then say what is left.
import { lookup } from 'node:dns/promises';
import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { Telegram } from 'telegraf';
import type * as z from 'zod';
import { AdminSecret, XSecret, parseSecret } from '#adapters/aws/secret-shapes';
import type { StackOutputs } from './outputs';
import { planTelegramSecret, readTelegramSecret, writeTelegramSecret } from './telegram-secret';
import { botApi, registerWebhook, syncCommandMenu, webhookUrl } from './webhook';

export interface AfterDeployInput {
  readonly outputs: StackOutputs;
  readonly secrets: SecretsManagerClient;
  /** The operator's bot token, already checked (checkBotToken); absent: the stored one, if any. */
  readonly botToken?: string;
  readonly rotateWebhookSecret: boolean;
  /** The Bot API's root: Telegram's, or a simulator in tests. */
  readonly telegramApiRoot?: string;
  /** `-c telegramBotUsername`, to say when the deploy should be given it. */
  readonly telegramBotUsername?: string;
  /** Whether a host name resolves (DNS); injected by tests. */
  readonly resolves?: (host: string) => Promise<boolean>;
}

const dnsResolves = (host: string): Promise<boolean> =>
  lookup(host).then(
    () => true,
    () => false,
  );

export interface AfterDeployReport {
  /** What this run changed (an empty list on a re-run with nothing new). */
  readonly changes: string[];
  /** What waits for the operator before a re-run can do it (the custom domain's DNS record). */
  readonly pending: string[];
  /** Secrets whose shape is wrong, by name (the run still did what it could). */
  readonly problems: string[];
  readonly nextSteps: string[];
}

export async function afterDeploy(input: AfterDeployInput): Promise<AfterDeployReport> {
  const { outputs } = input;
  const url = webhookUrl(outputs.ApiUrl);
  const state = await readTelegramSecret(input.secrets, outputs.TelegramSecretArn);
  const token = input.botToken ?? (state.value.botToken || undefined);
  const telegram = token
    ? new Telegram(token, { apiRoot: input.telegramApiRoot ?? 'https://api.telegram.org' })
    : undefined;
  // A token Telegram refuses is never written: getMe first.
  const me = telegram && token ? await botApi(token, 'getMe', () => telegram.getMe()) : undefined;

  const plan = planTelegramSecret(state.value, input.botToken, input.rotateWebhookSecret);
  const changes = [...plan.changes];
  if (changes.length > 0) await writeTelegramSecret(input.secrets, outputs.TelegramSecretArn, state, plan);

  const pending: string[] = [];
  if (telegram && token) {
    // The first deploy with a custom domain creates the name its DNS record must point at: until
    // the operator adds that record, Telegram cannot reach the webhook (setWebhook would be refused).
    const host = new URL(url).hostname;
    if (outputs.DomainTarget && !(await (input.resolves ?? dnsResolves)(host)))
      pending.push(`webhook not registered: ${host} does not resolve yet`);
    else {
      const secretChanged = plan.webhookSecret !== state.value.webhookSecret;
      const webhook = await registerWebhook(telegram, token, { url, secretToken: plan.webhookSecret }, secretChanged);
      if (webhook.changed) changes.push(`webhook registered at ${url} (${webhook.why})`);
    }
    const menu = await syncCommandMenu(telegram, token);
    if (menu.changed) changes.push('command menu set (fr, en)');
  }

  const problems = await otherSecretProblems(input.secrets, outputs);
  return { changes, pending, problems, nextSteps: nextSteps(input, token !== undefined, me?.username) };
}

async function otherSecretProblems(client: SecretsManagerClient, outputs: StackOutputs): Promise<string[]> {
  const check = async (name: string, arn: string, schema: z.ZodType): Promise<string | undefined> => {
    const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: arn }));
    const parsed = parseSecret(name, SecretString, schema);
    return parsed.ok ? undefined : parsed.problem;
  };
  const found = await Promise.all([
    check('Admin (AdminSecretArn)', outputs.AdminSecretArn, AdminSecret),
    check('X (XSecretArn)', outputs.XSecretArn, XSecret),
  ]);
  return found.filter((p): p is string => p !== undefined);
}

function nextSteps(input: AfterDeployInput, hasToken: boolean, botUsername: string | undefined): string[] {
  const { outputs } = input;
  const steps: string[] = [];
  if (outputs.DomainTarget)
    steps.push(
      `DNS: point ${new URL(outputs.ApiUrl).hostname} at ${outputs.DomainTarget} (CNAME, or a Route 53 alias), then npm run deploy -- --skip-cdk registers the webhook there`,
    );
  if (!hasToken)
    steps.push(
      'Telegram is not configured: get a token from @BotFather, then TELEGRAM_BOT_TOKEN=… npm run deploy -- --skip-cdk (or --bot-token-file <file>)',
    );
  else if (botUsername && input.telegramBotUsername !== botUsername)
    steps.push(`Posters' t.me links: add -c telegramBotUsername=${botUsername} to your deploy command`);
  if (outputs.AlarmTopicArn)
    steps.push(
      `Alarms: aws sns subscribe --topic-arn ${outputs.AlarmTopicArn} --protocol email --notification-endpoint <team address>`,
    );
  steps.push(
    `Bootstrap admin token: aws secretsmanager get-secret-value --secret-id ${outputs.AdminSecretArn} --query SecretString --output text`,
    `Console: ${outputs.ApiUrl}/console (create named agents with the bootstrap token, then rotate it)`,
  );
  steps.push('X (optional): write the four keys to XSecretArn (docs/aws.md « After the first deploy »)');
  return steps;
}
