// Campaign alarms on AWS: one one-time EventBridge Scheduler schedule per scheduled campaign, in the
// stack's schedule group, invoking the dispatch function with `{ campaignId }` and deleting itself
// once it fired. Scheduler fires a one-time schedule anywhere within the minute it names, so the
// schedule names the minute BEFORE the campaign's and dispatch waits out the rest (dispatch.ts,
// ALARM_MAX_EARLY_MS): the campaign leaves within seconds of its time, never early.
// The Scheduler client is loaded at the first alarm, not at cold start: most invocations of the
// admin API and of the delivery tick never schedule anything.
import type * as SchedulerSdk from '@aws-sdk/client-scheduler';
import type { CampaignAlarm } from '#core/campaigns/alarm';
import type { Clock } from '#core/shared/ports';

export interface EventBridgeAlarmOptions {
  /** The stack's schedule group: the functions may create and delete schedules in it only. */
  groupName: string;
  /** The dispatch function, which the schedules invoke. */
  targetArn: string;
  /** The role Scheduler assumes to invoke it (the functions may pass this role only). */
  roleArn: string;
  /** Region, endpoint, credentials: the Lambda's own by default; a test points them at its stand-in. */
  client?: SchedulerSdk.SchedulerClientConfig;
  clock: Clock;
}

const MINUTE = 60_000;
/** Time to create the schedule before its minute starts: a schedule named for a minute already begun is not set. */
const CREATE_MARGIN_MS = 5_000;

/** One schedule per campaign, found again by name to move or delete it (ShortId fits Scheduler's [0-9A-Za-z_.-]{1,64}). */
export const alarmName = (campaignId: string) => `campaign-${campaignId}`;

/** The minute before the campaign's: Scheduler fires within [that minute, +60 s), so always before `sendAt`. */
export function alarmMinute(sendAt: Date): Date {
  return new Date(Math.floor(sendAt.getTime() / MINUTE) * MINUTE - MINUTE);
}

/** `at(…)` takes a wall-clock time without offset, read in ScheduleExpressionTimezone (UTC here). */
const atExpression = (fireAt: Date) => `at(${fireAt.toISOString().slice(0, 19)})`;

const isNamed = (error: unknown, name: string) => error instanceof Error && error.name === name;

export function createEventBridgeAlarm(options: EventBridgeAlarmOptions): CampaignAlarm {
  let loading: Promise<{ client: SchedulerSdk.SchedulerClient; sdk: typeof SchedulerSdk }> | undefined;
  const scheduler = () =>
    (loading ??= import('@aws-sdk/client-scheduler').then((sdk) => ({
      sdk,
      client: new sdk.SchedulerClient(options.client ?? {}),
    })));

  const clear = async (campaignId: string) => {
    const { sdk, client } = await scheduler();
    try {
      await client.send(new sdk.DeleteScheduleCommand({ Name: alarmName(campaignId), GroupName: options.groupName }));
    } catch (error) {
      // Already fired (and deleted itself), or never set: nothing left to clear.
      if (!isNamed(error, 'ResourceNotFoundException')) throw error;
    }
  };

  return {
    async set(campaignId, at) {
      const fireAt = alarmMinute(at);
      // Too near for a schedule to fire before the campaign's time: the minute tick takes it, and an
      // older alarm (a campaign brought forward) must not linger.
      if (fireAt.getTime() <= options.clock.now().getTime() + CREATE_MARGIN_MS) return clear(campaignId);
      const { sdk, client } = await scheduler();
      const schedule = {
        Name: alarmName(campaignId),
        GroupName: options.groupName,
        Description: `Porte-voix : envoi de la campagne ${campaignId}`,
        ScheduleExpression: atExpression(fireAt),
        ScheduleExpressionTimezone: 'UTC',
        FlexibleTimeWindow: { Mode: sdk.FlexibleTimeWindowMode.OFF },
        ActionAfterCompletion: sdk.ActionAfterCompletion.DELETE,
        Target: {
          Arn: options.targetArn,
          RoleArn: options.roleArn,
          Input: JSON.stringify({ campaignId }),
          // A throttled or failed invocation is worth a retry within the minute; after that the tick has it.
          RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 60 },
        },
      };
      try {
        await client.send(new sdk.CreateScheduleCommand(schedule));
      } catch (error) {
        // Rescheduled: the campaign's schedule exists, and moves.
        if (!isNamed(error, 'ConflictException')) throw error;
        await client.send(new sdk.UpdateScheduleCommand(schedule));
      }
    },
    clear,
  };
}

/** The alarms the stack configured (SCHEDULER_GROUP_NAME…), or none where it did not (locally: the 1-second tick suffices). */
export function campaignAlarmFor(
  config: {
    SCHEDULER_GROUP_NAME?: string;
    SCHEDULER_ROLE_ARN?: string;
    DISPATCH_FUNCTION_ARN?: string;
    AWS_REGION: string;
  },
  clock: Clock,
): CampaignAlarm | undefined {
  const { SCHEDULER_GROUP_NAME: groupName, SCHEDULER_ROLE_ARN: roleArn, DISPATCH_FUNCTION_ARN: targetArn } = config;
  if (!groupName || !roleArn || !targetArn) return undefined;
  return createEventBridgeAlarm({ groupName, roleArn, targetArn, clock, client: { region: config.AWS_REGION } });
}
