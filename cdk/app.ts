// CDK app entry point (cdk.json runs it with tsx): one Porte-voix stack, checked by cdk-nag. Its
// context (`-c key=value`) is validated first (cdk/context.ts): a bad value stops here, named.
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ContextError, parseContext, type StackContext } from './context';
import { PorteVoixStack } from './porte-voix-stack';

const app = new App();

let context: StackContext;
try {
  context = parseContext(app.node.getAllContext() as Record<string, unknown>);
} catch (error) {
  if (!(error instanceof ContextError)) throw error;
  // The message names every bad value; a stack trace through tsx would only hide it.
  console.error(error.message);
  process.exit(1);
}

new PorteVoixStack(app, context.stackName, {
  // The region is pinned (Paris by default; `-c region=…` to change it) rather than taken from
  // whatever CLI profile runs the deploy: where citizens' data lives is a GDPR decision.
  env: {
    account: process.env.CDK_DEFAULT_ACCOUNT,
    region: context.region,
  },
  // `-c domainName=… -c certificateArn=…`: an API Gateway custom domain; PUBLIC_URL is then https://<domainName>.
  domain: context.domain,
  publicUrl: context.publicUrl,
  logLevel: context.logLevel,
  // `-c xMonthlyBudgetUsd=20`: the X pay-per-use budget per month, in dollars (docs/console.md « X »).
  xMonthlyBudgetUsd: context.xMonthlyBudgetUsd,
  // `-c telegramBotUsername=porte_voix_bot`: the t.me links of posters' QR codes (unset: the console says so).
  telegramBotUsername: context.telegramBotUsername,
  // `-c reserveConcurrency=false`: no reservations, for an account whose quota is below what they need (docs/aws.md).
  reserveConcurrency: context.reserveConcurrency,
  description: 'Porte-voix: notification and mobilisation bot (Telegram, X, feeds)',
});

// cdk-nag 3 runs as a policy-validation plugin: any finding neither fixed nor acknowledged (with a
// reason, next to the resource it concerns) stops synthesis.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
