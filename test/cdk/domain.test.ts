// The optional custom domain (cdk/constructs/domain.ts): a regional API Gateway domain with the city's
// certificate, mapped to the API's stage, PUBLIC_URL set to it, and the DNS target in the outputs.
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { PorteVoixStack } from '../../cdk/porte-voix-stack';
import { logicalId, synthesize } from './synth';

const DOMAIN = 'participation.example.org';
const CERT = 'arn:aws:acm:eu-west-3:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789';

let app: App;
let stack: PorteVoixStack;
let template: Template;
beforeAll(() => {
  app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  stack = new PorteVoixStack(app, 'PorteVoix', {
    env: { region: 'eu-west-3' },
    domain: { domainName: DOMAIN, certificateArn: CERT },
  });
  template = Template.fromStack(stack);
});

/** PUBLIC_URL of every function in a template. */
function publicUrls(t: Template): unknown[] {
  return Object.values(t.findResources('AWS::Lambda::Function')).map(
    (f) => f.Properties.Environment?.Variables?.PUBLIC_URL,
  );
}

describe('custom domain', () => {
  it('is a regional domain name with the given certificate and TLS 1.2', () => {
    template.resourceCountIs('AWS::ApiGatewayV2::DomainName', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::DomainName', {
      DomainName: DOMAIN,
      DomainNameConfigurations: [{ CertificateArn: CERT, EndpointType: 'REGIONAL', SecurityPolicy: 'TLS_1_2' }],
    });
  });

  it('maps the root of the domain to the API’s $default stage', () => {
    template.hasResource('AWS::ApiGatewayV2::ApiMapping', {
      Properties: {
        ApiId: { Ref: logicalId(stack, stack.api.httpApi) },
        DomainName: { Ref: logicalId(stack, stack.domain!.domainName) },
        Stage: '$default',
        ApiMappingKey: Match.absent(),
      },
      // The stage is named, not referenced: the mapping must wait for it to exist.
      DependsOn: Match.arrayWith([logicalId(stack, stack.api.stage)]),
    });
  });

  it('gives every function https://<domain> as PUBLIC_URL, and the ApiUrl output too', () => {
    const urls = publicUrls(template);
    expect(urls.length).toBeGreaterThanOrEqual(6);
    expect(new Set(urls)).toEqual(new Set([`https://${DOMAIN}`]));
    template.hasOutput('ApiUrl', { Value: `https://${DOMAIN}` });
  });

  it('outputs the DNS target the operator points the domain at, and its hosted zone', () => {
    const id = logicalId(stack, stack.domain!.domainName);
    template.hasOutput('DomainTarget', {
      Value: { 'Fn::GetAtt': [id, 'RegionalDomainName'] },
      Description: Match.stringLikeRegexp(`CNAME ${DOMAIN.replace(/\./g, '\\.')}`),
    });
    template.hasOutput('DomainHostedZoneId', { Value: { 'Fn::GetAtt': [id, 'RegionalHostedZoneId'] } });
  });

  it('adds no cdk-nag finding', () => {
    const { violations } = new AwsSolutionsChecks().validateScope(app);
    expect(violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} at ${r.constructPath}`))).toEqual(
      [],
    );
  });
});

describe('without a custom domain', () => {
  it('creates no domain, keeps the API’s own endpoint as PUBLIC_URL and outputs no DNS target', () => {
    const { template: plain } = synthesize();
    plain.resourceCountIs('AWS::ApiGatewayV2::DomainName', 0);
    plain.resourceCountIs('AWS::ApiGatewayV2::ApiMapping', 0);
    expect(Object.keys(plain.findOutputs('*'))).not.toContain('DomainTarget');
    expect(JSON.stringify(publicUrls(plain)[0])).toContain('ApiEndpoint');
  });
});
