// Log retention, stated for every log group of the stack: each function's own and the API's access logs.
import { beforeAll, describe, expect, it } from 'vitest';
import { logicalId, synthesize } from './synth';

let built: ReturnType<typeof synthesize>;
beforeAll(() => {
  built = synthesize();
});

type Resources = Record<string, { Properties: Record<string, any> }>;

describe('log groups', () => {
  it('every one keeps its logs 30 days, none forever', () => {
    const groups = built.template.findResources('AWS::Logs::LogGroup') as Resources;
    // Six functions and the access logs.
    expect(Object.keys(groups)).toHaveLength(7);
    for (const [id, group] of Object.entries(groups)) expect(group.Properties.RetentionInDays, id).toBe(30);
  });

  it('every one goes with the stack: logs are not data to keep (the table is, storage.ts)', () => {
    const groups = built.template.toJSON().Resources as Record<string, { Type: string; DeletionPolicy?: string }>;
    for (const [id, group] of Object.entries(groups).filter(([, r]) => r.Type === 'AWS::Logs::LogGroup'))
      expect(group.DeletionPolicy, id).toBe('Delete');
  });

  it('every function logs to one of them (no group Lambda would create by itself, kept forever)', () => {
    const groups = Object.keys(built.template.findResources('AWS::Logs::LogGroup'));
    for (const [id, fn] of Object.entries(built.template.findResources('AWS::Lambda::Function') as Resources)) {
      expect(groups, id).toContain(fn.Properties.LoggingConfig?.LogGroup?.Ref);
    }
  });

  it('the HTTP API’s access logs go to one of them', () => {
    const [stage] = Object.values(built.template.findResources('AWS::ApiGatewayV2::Stage') as Resources);
    const destination = stage!.Properties.AccessLogSettings.DestinationArn as { 'Fn::GetAtt': [string, string] };
    const accessLogs = built.stack.api.node.findChild('AccessLogs');
    expect(destination).toEqual({ 'Fn::GetAtt': [logicalId(built.stack, accessLogs), 'Arn'] });
  });

  it('no retention is left to a custom resource', () => {
    expect(Object.keys(built.template.findResources('Custom::LogRetention'))).toEqual([]);
  });
});
