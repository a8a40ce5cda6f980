// Test fixture: builds the Porte-voix stack in a fresh app. Bundling (esbuild, 5 functions) and
// CDK's built-in CloudFormation validation (a WASM engine, ~6 s) are off unless a test needs them,
// so each test file pays one cheap synthesis.
import { App, type CfnElement, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { PorteVoixStack } from '../../cdk/porte-voix-stack';

export interface SynthOptions {
  /** Run esbuild for real (bundling.test.ts). */
  readonly bundle?: boolean;
  /** Run CDK's built-in CloudFormation template validation (nag.test.ts). */
  readonly validate?: boolean;
  /** The stack's X budget (`-c xMonthlyBudgetUsd=…`). */
  readonly xMonthlyBudgetUsd?: number;
  /** The stack's reserved concurrency switch (`reserveConcurrency`, on by default). */
  readonly reserveConcurrency?: boolean;
}

export function buildApp(options: SynthOptions = {}): { app: App; stack: PorteVoixStack } {
  const app = new App({
    // An empty list of bundling stacks makes NodejsFunction skip esbuild (a placeholder asset).
    context: options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] },
    builtinCloudFormationValidation: options.validate ?? false,
  });
  const stack = new PorteVoixStack(app, 'PorteVoix', {
    env: { region: 'eu-west-3' },
    xMonthlyBudgetUsd: options.xMonthlyBudgetUsd,
    reserveConcurrency: options.reserveConcurrency,
  });
  return { app, stack };
}

export function synthesize(options: SynthOptions = {}): { app: App; stack: PorteVoixStack; template: Template } {
  const { app, stack } = buildApp(options);
  return { app, stack, template: Template.fromStack(stack) };
}

/** Logical id of a construct's CloudFormation resource (its default child for L2 constructs). */
export function logicalId(stack: Stack, construct: IConstruct): string {
  const element = (construct.node.defaultChild ?? construct) as CfnElement;
  return stack.getLogicalId(element);
}

export interface Statement {
  Action: string | string[];
  Effect: string;
  Resource: unknown;
  Condition?: unknown;
}

/** Every statement of the policies attached to a role. */
export function statementsOf(template: Template, roleId: string): Statement[] {
  const policies = template.findResources('AWS::IAM::Policy');
  return Object.values(policies)
    .filter((p) => (p.Properties.Roles as unknown[]).some((r) => JSON.stringify(r) === JSON.stringify({ Ref: roleId })))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
}

export function actionsOf(statements: Statement[]): Set<string> {
  return new Set(statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])));
}

/** Statements granting `action`, so a test can check what they apply to. */
export function grantsOf(statements: Statement[], action: string): Statement[] {
  return statements.filter((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]).includes(action));
}
