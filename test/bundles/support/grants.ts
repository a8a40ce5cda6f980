// What a function's role may do, read from the template (its IAM policies' Allow statements, their
// intrinsics resolved to the stand-ins' ARNs), and whether a call the bundle made is within it.
// Conditions are not evaluated: they only narrow a grant (PassRole to Scheduler), never widen one.
import type { AwsCall } from './aws-endpoint';
import { ACCOUNT, type CfnTemplate, REGION, type Resolver, resourcesOf } from './template';

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

const list = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);
const glob = (pattern: string) =>
  new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`, 'i');

/** The Allow statements of every policy attached to the function's role. */
export function roleStatements(template: CfnTemplate, functionLogicalId: string): Statement[] {
  const roleId = String(template.Resources[functionLogicalId]?.Properties?.Role?.['Fn::GetAtt']?.[0]);
  return resourcesOf(template, 'AWS::IAM::Policy')
    .filter(([, p]) => list(p.Properties?.Roles ?? []).some((r: any) => r?.Ref === roleId))
    .flatMap(([, p]) => p.Properties!.PolicyDocument.Statement as Statement[])
    .filter((s) => s.Effect === 'Allow');
}

/** The ARN IAM evaluates a recorded call against. */
export function arnOf(call: AwsCall, secretArns: Map<string, string>): string {
  const [service] = call.action.split(':');
  const resource = call.resource ?? '';
  switch (service) {
    case 'dynamodb':
      return `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${resource}`;
    case 'sqs':
      return `arn:aws:sqs:${REGION}:${ACCOUNT}:${resource.split('/').at(-1)}`;
    case 'secretsmanager':
      return resource.startsWith('arn:') ? resource : (secretArns.get(resource) ?? resource);
    case 'scheduler':
      return `arn:aws:scheduler:${REGION}:${ACCOUNT}:schedule/${resource}`;
    default:
      return resource;
  }
}

/** The calls no statement allows, as `action on arn` lines (empty: within the role). */
export function ungranted(
  statements: Statement[],
  calls: AwsCall[],
  resolver: Resolver,
  secretArns: Map<string, string>,
): string[] {
  // Only the services the stand-ins record (logs and X-Ray grants name resources no call here reaches).
  const services = new Set(calls.map((c) => c.action.split(':')[0]));
  const relevant = statements.filter((s) => list(s.Action).some((a) => services.has(a.split(':')[0])));
  const grants = relevant.map((s) => ({
    actions: list(s.Action).map(glob),
    resources: list(resolver.resolve(s.Resource) as string | string[]).map(glob),
  }));
  const refused = calls
    .map((call) => ({ action: call.action, arn: arnOf(call, secretArns) }))
    .filter(
      ({ action, arn }) =>
        !grants.some((g) => g.actions.some((a) => a.test(action)) && g.resources.some((r) => r.test(arn))),
    )
    .map(({ action, arn }) => `${action} on ${arn}`);
  return [...new Set(refused)];
}
