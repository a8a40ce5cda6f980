// Feed imports: a Lambda polls the platform's feeds (the feed sources agents attached) every 15
// minutes, run by an EventBridge schedule, and imports new entries as feed items and announcements.
// It reaches the internet (the feeds) and the table; no secret, no queue.
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as schedulerTargets from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import { PorteVoixFunction } from './lambda-function';
import type { Storage } from './storage';

export interface ImportsProps {
  readonly storage: Storage;
  /** Environment every function gets (TABLE_NAME, PUBLIC_URL, LOG_LEVEL, Powertools…). */
  readonly environment: Record<string, string>;
  readonly logRetention: logs.RetentionDays;
}

/** How often the sources are polled (FEED_IMPORT_EVERY_MINUTES is the local runtime's equivalent). */
export const IMPORT_EVERY = Duration.minutes(15);

export class Imports extends Construct {
  readonly import: PorteVoixFunction;
  readonly schedule: scheduler.Schedule;

  constructor(scope: Construct, id: string, props: ImportsProps) {
    super(scope, id);

    this.import = new PorteVoixFunction(this, 'Import', {
      environment: props.environment,
      logRetention: props.logRetention,
      entry: 'functions/handlers/lambda/import.ts',
      description: 'Every 15 minutes: polls the feed sources and imports their new entries',
      memorySize: 512,
      // Sources are polled four at a time, each within 10 s: minutes are room for dozens of sources.
      timeout: Duration.minutes(5),
      // No source is started past 4 minutes: the last ones are polled at the next round.
      budget: Duration.minutes(4),
    });
    // Reads sources and démarches; writes statuses (UpdateItem), dedupe records, feed items, campaigns and
    // their audit (puts). It deletes nothing: removing a source is the admin API's.
    props.storage.grant(this.import, ['GetItem', 'Query', 'PutItem', 'UpdateItem']);

    const tickRole = new iam.Role(this, 'ImportTickRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
      description: 'Porte-voix: lets EventBridge Scheduler invoke the import function',
    });
    const importId = Stack.of(this).getLogicalId(this.import.function.node.defaultChild as lambda.CfnFunction);
    Validations.of(tickRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${importId}.Arn>:*]`,
      reason:
        'CDK grants invoke on the import function and its versions/aliases ("<arn>:*"): one function, no other resource.',
    });
    this.schedule = new scheduler.Schedule(this, 'ImportTick', {
      description: 'Porte-voix: poll the imported feeds every 15 minutes',
      schedule: scheduler.ScheduleExpression.rate(IMPORT_EVERY),
      target: new schedulerTargets.LambdaInvoke(this.import.function, {
        // A missed round is caught up by the next one (validators and dedupe records make it cheap).
        role: tickRole,
        retryAttempts: 0,
        maxEventAge: Duration.minutes(15),
      }),
    });
  }
}
