// Campaign alarms: one one-time EventBridge Scheduler schedule per scheduled campaign, so it leaves
// within seconds of its time instead of at the next minute tick (which stays as the safety net).
// The schedules live in the stack's own group; the functions that schedule campaigns (admin API,
// import, dispatch: announcements and restitutions) may create and delete schedules there only, and
// hand Scheduler the one role that may invoke the dispatch function.
import { ArnFormat, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { Construct } from 'constructs';
import type { PorteVoixFunction } from './lambda-function';

export interface CampaignAlarmsProps {
  /** The role the schedules run as: it may invoke the dispatch function and nothing else. */
  readonly schedulerRole: iam.IRole;
  /** The dispatch function's ARN, known before the function exists (its name is fixed): its own alarms target it. */
  readonly dispatchArn: string;
}

export class CampaignAlarms extends Construct {
  readonly group: scheduler.ScheduleGroup;
  private readonly props: CampaignAlarmsProps;

  constructor(scope: Construct, id: string, props: CampaignAlarmsProps) {
    super(scope, id);
    this.props = props;
    this.group = new scheduler.ScheduleGroup(this, 'Group', {
      // Deleting the group deletes its schedules: none outlives the stack to invoke a function that is gone.
      removalPolicy: RemovalPolicy.DESTROY,
    });
  }

  /** Lets `fn` set and clear campaign alarms: the environment the adapter reads, and the grants it needs. */
  allow(fn: PorteVoixFunction): void {
    fn.function.addEnvironment('SCHEDULER_GROUP_NAME', this.group.scheduleGroupName);
    fn.function.addEnvironment('SCHEDULER_ROLE_ARN', this.props.schedulerRole.roleArn);
    fn.function.addEnvironment('DISPATCH_FUNCTION_ARN', this.props.dispatchArn);
    const schedules = Stack.of(this).formatArn({
      service: 'scheduler',
      resource: 'schedule',
      resourceName: `${this.group.scheduleGroupName}/*`,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
    fn.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['scheduler:CreateSchedule', 'scheduler:UpdateSchedule', 'scheduler:DeleteSchedule'],
        resources: [schedules],
      }),
    );
    fn.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['iam:PassRole'],
        resources: [this.props.schedulerRole.roleArn],
        conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
      }),
    );
    // cdk-nag names the resource as synthesised: the group's generated name and the stack's region.
    const region = Token.isUnresolved(Stack.of(this).region) ? '<AWS::Region>' : Stack.of(this).region;
    Validations.of(fn.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:scheduler:${region}:<AWS::AccountId>:schedule/${this.group.scheduleGroupName}/*]`,
      reason:
        'Campaign alarms are named after campaigns created at run time: the grant covers the schedules of the stack’s own schedule group, no other group.',
    });
  }
}
