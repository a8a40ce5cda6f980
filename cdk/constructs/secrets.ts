// Secrets Manager secrets for the tokens the functions need. The stack generates what it can
// (keys we own); the operator writes what only they have (bot token, X keys) after deploy:
// docs/aws.md says how. A field left "" means "not configured", as in functions/config.ts.
import { RemovalPolicy, SecretValue, Validations } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

/** Letters and digits only: Telegram's secret_token allows [A-Za-z0-9_-], headers dislike the rest. */
const ALPHANUMERIC = { excludePunctuation: true, includeSpace: false } as const;

export class Secrets extends Construct {
  /** JSON {botToken, webhookSecret, subscriberKey}. */
  readonly telegram: secretsmanager.Secret;
  /** JSON {appKey, appSecret, accessToken, accessSecret}; all "" means posts go to the outbox. */
  readonly x: secretsmanager.Secret;
  /** JSON {adminToken}: the bootstrap token of the first agent. */
  readonly admin: secretsmanager.Secret;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    // subscriberKey is generated here and must never change: it keys the HMAC that turns a chat
    // id into a subscriber's pseudonym, so a new key orphans every subscriber and response.
    // Secrets Manager generates one key per secret, so the operator writes botToken and
    // webhookSecret together after deploy; until then the webhook has no secret and must refuse.
    this.telegram = new secretsmanager.Secret(this, 'Telegram', {
      description:
        'Porte-voix Telegram: {botToken, webhookSecret, subscriberKey}. Set botToken and webhookSecret after deploy; never change subscriberKey.',
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ botToken: '', webhookSecret: '' }),
        generateStringKey: 'subscriberKey',
        passwordLength: 64,
        ...ALPHANUMERIC,
      },
      // Kept with the table it belongs to: without this key the retained data cannot be matched
      // to anyone again.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.x = new secretsmanager.Secret(this, 'X', {
      description:
        'Porte-voix X (Twitter) API keys: {appKey, appSecret, accessToken, accessSecret}. Empty until the operator sets them; posts go to the outbox meanwhile.',
      // Empty placeholders, not secrets: the real keys never appear in the template.
      secretObjectValue: {
        appKey: SecretValue.unsafePlainText(''),
        appSecret: SecretValue.unsafePlainText(''),
        accessToken: SecretValue.unsafePlainText(''),
        accessSecret: SecretValue.unsafePlainText(''),
      },
    });

    this.admin = new secretsmanager.Secret(this, 'Admin', {
      description:
        'Porte-voix bootstrap admin token: {adminToken}. Use it once to create named agents, then rotate it.',
      generateSecretString: {
        secretStringTemplate: JSON.stringify({}),
        generateStringKey: 'adminToken',
        passwordLength: 48,
        ...ALPHANUMERIC,
      },
    });

    // Why none of them rotates automatically (AwsSolutions-SMG4): docs/aws.md#rotating-secrets.
    const noRotation = (secret: secretsmanager.Secret, reason: string): void =>
      Validations.of(secret).acknowledge({ id: 'AwsSolutions-SMG4', reason });
    noRotation(
      this.telegram,
      'Not rotatable by a Lambda: the bot token is issued by Telegram (BotFather) and the subscriber key must never change (it keys every subscriber pseudonym). The operator rotates botToken and webhookSecret by hand (docs/aws.md).',
    );
    noRotation(
      this.x,
      'Not rotatable by a Lambda: the X keys are issued in the X developer portal; the operator rotates them by hand (docs/aws.md).',
    );
    noRotation(
      this.admin,
      'A bootstrap token, used to create the first named agents (whose tokens the admin API manages); the operator replaces it by hand (docs/aws.md).',
    );
  }
}
