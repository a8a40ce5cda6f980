// An optional custom domain in front of the HTTP API (`-c domainName=… -c certificateArn=…`): a
// regional API Gateway domain name with the city's ACM certificate, mapped to the $default stage.
// The DNS record is the operator's (their zone may not be in Route 53): the stack outputs its target.
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { Construct } from 'constructs';
import type { CustomDomain } from '../context';

export interface DomainProps extends CustomDomain {
  readonly httpApi: apigw.IHttpApi;
  readonly stage: apigw.IStage;
}

/** PUBLIC_URL for a custom domain: no trailing slash, as functions/config.ts expects. */
export const publicUrlOf = (domain: CustomDomain): string => `https://${domain.domainName}`;

export class Domain extends Construct {
  readonly domainName: apigw.DomainName;
  /** What the operator's CNAME (or Route 53 alias) points at: d-xxxx.execute-api.<region>.amazonaws.com. */
  readonly dnsTarget: string;
  /** For a Route 53 alias record instead of a CNAME. */
  readonly hostedZoneId: string;

  constructor(scope: Construct, id: string, props: DomainProps) {
    super(scope, id);

    this.domainName = new apigw.DomainName(this, 'DomainName', {
      domainName: props.domainName,
      certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn),
      // Regional, not edge: the certificate lives in the stack's region (cdk/context.ts checks it),
      // and citizens' requests need no CloudFront hop to reach Paris.
      endpointType: apigw.EndpointType.REGIONAL,
      securityPolicy: apigw.SecurityPolicy.TLS_1_2,
    });
    // The root path: the same routes as the API's own endpoint, which stays enabled so the API
    // answers while the DNS record propagates (the webhook and PUBLIC_URL use the domain).
    new apigw.ApiMapping(this, 'Mapping', { api: props.httpApi, domainName: this.domainName, stage: props.stage });
    this.dnsTarget = this.domainName.regionalDomainName;
    this.hostedZoneId = this.domainName.regionalHostedZoneId;
  }
}
