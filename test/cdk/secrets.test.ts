// Secrets: generated where the stack can, placeholders where only the operator can fill in, and
// never a real value in the template.
import { beforeAll, describe, expect, it } from 'vitest';
import { logicalId, synthesize } from './synth';

let built: ReturnType<typeof synthesize>;
beforeAll(() => {
  built = synthesize();
});

const secret = (construct: Parameters<typeof logicalId>[1]) =>
  built.template.toJSON().Resources[logicalId(built.stack, construct)].Properties;

describe('secrets', () => {
  it('Telegram: subscriberKey generated, botToken and webhookSecret left for the operator', () => {
    const { GenerateSecretString } = secret(built.stack.secrets.telegram);
    expect(GenerateSecretString.GenerateStringKey).toBe('subscriberKey');
    expect(GenerateSecretString.PasswordLength).toBeGreaterThanOrEqual(32);
    expect(GenerateSecretString.ExcludePunctuation).toBe(true);
    expect(JSON.parse(GenerateSecretString.SecretStringTemplate)).toEqual({ botToken: '', webhookSecret: '' });
  });

  it('Telegram: kept when the stack goes, like the table whose pseudonyms it keys', () => {
    const resource = built.template.toJSON().Resources[logicalId(built.stack, built.stack.secrets.telegram)];
    expect(resource.DeletionPolicy).toBe('Retain');
    expect(resource.UpdateReplacePolicy).toBe('Retain');
  });

  it('X: the four keys, empty until the operator sets them', () => {
    const value = JSON.stringify(secret(built.stack.secrets.x).SecretString);
    for (const key of ['appKey', 'appSecret', 'accessToken', 'accessSecret'])
      expect(value).toContain(`\\"${key}\\":\\"\\"`);
  });

  it('admin: adminToken generated', () => {
    const { GenerateSecretString } = secret(built.stack.secrets.admin);
    expect(GenerateSecretString.GenerateStringKey).toBe('adminToken');
    expect(GenerateSecretString.PasswordLength).toBeGreaterThanOrEqual(32);
  });

  it('are exported as outputs with the API URL, table and queues', () => {
    const outputs = Object.keys(built.template.toJSON().Outputs);
    expect(outputs).toEqual(
      expect.arrayContaining([
        'ApiUrl',
        'TableName',
        'TelegramSecretArn',
        'XSecretArn',
        'AdminSecretArn',
        'SendQueueUrl',
        'SendDeadLetterQueueUrl',
        'AlarmTopicArn',
      ]),
    );
  });
});
