// The HTTP API: the four routes, each to its function, on a throttled, access-logged stage.
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { logicalId, synthesize } from './synth';

let built: ReturnType<typeof synthesize>;
beforeAll(() => {
  built = synthesize();
});

/** Route key → logical id of the function its integration invokes. */
function routeTargets(): Record<string, string> {
  const resources = built.template.toJSON().Resources as Record<string, { Type: string; Properties: any }>;
  const targets: Record<string, string> = {};
  for (const route of Object.values(resources).filter((r) => r.Type === 'AWS::ApiGatewayV2::Route')) {
    const integrationId = JSON.stringify(route.Properties.Target).match(/"Ref":"([^"]+)"/)![1]!;
    const uri = JSON.stringify(resources[integrationId]!.Properties.IntegrationUri);
    targets[route.Properties.RouteKey] = uri.match(/"Fn::GetAtt":\["([^"]+)","Arn"\]/)![1]!;
  }
  return targets;
}

describe('HTTP API', () => {
  it('routes /api/*, the console, /health, /feeds/*, the public results, open data and the webhook to their functions, and nothing else', () => {
    const { api } = built.stack;
    const id = (fn: typeof api.adminApi) => logicalId(built.stack, fn.function);
    expect(routeTargets()).toEqual({
      'ANY /api/{proxy+}': id(api.adminApi),
      'GET /console': id(api.adminApi),
      'ANY /console/{proxy+}': id(api.adminApi),
      'GET /health': id(api.adminApi),
      'GET /feeds/{proxy+}': id(api.feeds),
      'GET /resultats/{proxy+}': id(api.feeds),
      'GET /open-data': id(api.feeds),
      'GET /open-data/{proxy+}': id(api.feeds),
      'POST /telegram/webhook': id(api.telegramWebhook),
    });
  });

  it('uses Lambda proxy integrations, payload format 2.0', () => {
    const integrations = Object.values(built.template.findResources('AWS::ApiGatewayV2::Integration'));
    expect(integrations.length).toBeGreaterThan(0);
    for (const integration of integrations) {
      expect(integration.Properties).toMatchObject({ IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0' });
    }
  });

  it('has one auto-deployed $default stage with throttling and JSON access logs', () => {
    built.template.resourceCountIs('AWS::ApiGatewayV2::Stage', 1);
    built.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() },
      AccessLogSettings: {
        DestinationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('AccessLogs'), 'Arn'] },
        Format: Match.stringLikeRegexp('\\$context\\.requestId'),
      },
    });
  });

  it('keeps citizens\u2019 IP addresses out of the access logs', () => {
    const stage = Object.values(built.template.findResources('AWS::ApiGatewayV2::Stage'))[0]!;
    expect(stage.Properties.AccessLogSettings.Format).not.toContain('sourceIp');
  });
});
