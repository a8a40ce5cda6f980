// CDK app entry point (cdk.json runs it with tsx): one Porte-voix stack, checked by cdk-nag.
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { PorteVoixStack, type LogLevel } from './porte-voix-stack';

const app = new App();

const context = (key: string): string | undefined => app.node.tryGetContext(key) as string | undefined;

function xMonthlyBudget(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const usd = Number(value);
  if (!Number.isFinite(usd) || usd < 0)
    throw new Error(`-c xMonthlyBudgetUsd=${value}: a number of dollars ≥ 0 is expected`);
  return usd;
}

new PorteVoixStack(app, context('stackName') ?? 'PorteVoix', {
  // The region is pinned (Paris by default; `-c region=…` to change it) rather than taken from
  // whatever CLI profile runs the deploy: where citizens' data lives is a GDPR decision.
  env: {
    account: process.env.CDK_DEFAULT_ACCOUNT,
    region: context('region') ?? 'eu-west-3',
  },
  publicUrl: context('publicUrl'),
  logLevel: context('logLevel') as LogLevel | undefined,
  // `-c xMonthlyBudgetUsd=20`: the X pay-per-use budget per month, in dollars (docs/console.md « X »).
  xMonthlyBudgetUsd: xMonthlyBudget(context('xMonthlyBudgetUsd')),
  // `-c telegramBotUsername=porte_voix_bot`: the t.me links of posters' QR codes (unset: the console says so).
  telegramBotUsername: context('telegramBotUsername'),
  description: 'Porte-voix: notification and mobilisation bot (Telegram, X, feeds)',
});

// cdk-nag 3 runs as a policy-validation plugin: any finding neither fixed nor acknowledged (with a
// reason, next to the resource it concerns) stops synthesis.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
