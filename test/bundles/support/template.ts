// The synthesized CloudFormation template as the bundle tests read it: its resources, and a resolver of
// the intrinsics its properties use (Ref, Fn::GetAtt, Fn::Join, Fn::Sub, pseudo parameters) to the
// values a deployment onto the local stand-ins gives them. A value nobody resolved is an error naming
// the resource and attribute, so a new environment variable pointing at a new kind of resource says
// what the suite must learn to stand in for.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Resource {
  Type: string;
  Properties?: Record<string, any>;
  Metadata?: Record<string, any>;
}

export interface CfnTemplate {
  Resources: Record<string, Resource>;
}

export const ACCOUNT = '123456789012';
export const REGION = 'eu-west-3';
const PSEUDO: Record<string, string> = {
  'AWS::AccountId': ACCOUNT,
  'AWS::Region': REGION,
  'AWS::Partition': 'aws',
  'AWS::URLSuffix': 'amazonaws.com',
  'AWS::StackName': 'PorteVoix',
};

export function readTemplate(outdir: string, stackName = 'PorteVoix'): CfnTemplate {
  return JSON.parse(readFileSync(join(outdir, `${stackName}.template.json`), 'utf8')) as CfnTemplate;
}

/** Resources of a type, with their logical ids. */
export function resourcesOf(template: CfnTemplate, type: string): [string, Resource][] {
  return Object.entries(template.Resources).filter(([, r]) => r.Type === type);
}

/** The construct id a resource was made by, from its CDK path (PorteVoix/Api/AdminApi/Function/Resource → AdminApi): `cdk synth` records it. */
export function constructIdOf(resource: Resource, above = 'Function'): string {
  const path = String(resource.Metadata?.['aws:cdk:path'] ?? '');
  const parts = path.split('/');
  const at = parts.lastIndexOf(above);
  if (at <= 0) throw new Error(`bundle tests: no construct id in the resource's aws:cdk:path "${path}"`);
  return parts[at - 1]!;
}

export class Resolver {
  private readonly refs = new Map<string, string>();
  private readonly atts = new Map<string, string>();

  constructor(private readonly template: CfnTemplate) {}

  /** What `{ Ref: id }` and `{ Fn::GetAtt: [id, attribute] }` stand for on the stand-ins. */
  define(logicalId: string, ref: string, attributes: Record<string, string> = {}): void {
    this.refs.set(logicalId, ref);
    for (const [name, value] of Object.entries(attributes)) this.atts.set(`${logicalId}.${name}`, value);
  }

  resolve(value: unknown): any {
    if (Array.isArray(value)) return value.map((v) => this.resolve(v));
    if (value === null || typeof value !== 'object') return value;
    const entries = Object.entries(value);
    if (entries.length === 1) {
      const [key, arg] = entries[0]!;
      if (key === 'Ref') return this.ref(String(arg));
      if (key === 'Fn::GetAtt') return this.getAtt(...(arg as [string, string]));
      if (key === 'Fn::Join') {
        const [separator, parts] = arg as [string, unknown[]];
        return parts.map((p) => String(this.resolve(p))).join(separator);
      }
      if (key === 'Fn::Sub')
        return String(arg).replace(/\$\{([^}]+)\}/g, (_, name: string) =>
          name.includes('.') ? this.getAtt(...(name.split('.') as [string, string])) : this.ref(name),
        );
    }
    return Object.fromEntries(entries.map(([k, v]) => [k, this.resolve(v)]));
  }

  private ref(id: string): string {
    const value = PSEUDO[id] ?? this.refs.get(id);
    if (value === undefined)
      throw new Error(`bundle tests: no stand-in for Ref ${id} (${this.template.Resources[id]?.Type ?? 'unknown'})`);
    return value;
  }

  private getAtt(id: string, attribute: string): string {
    const value = this.atts.get(`${id}.${attribute}`);
    if (value === undefined)
      throw new Error(
        `bundle tests: no stand-in for Fn::GetAtt ${id}.${attribute} (${this.template.Resources[id]?.Type ?? 'unknown'})`,
      );
    return value;
  }
}

export interface BundledFunctionResource {
  logicalId: string;
  resource: Resource;
  /** The construct id: AdminApi, Send… */
  id: string;
  /** The asset directory in the cloud assembly: index.mjs and its map. */
  assetDir: string;
}

/**
 * Our functions (PorteVoixFunction: an ESM bundle, index.mjs) among the template's Lambda functions;
 * a provider CDK adds for a custom resource, if any, is not ours to run.
 */
export function bundledFunctions(template: CfnTemplate, outdir: string): BundledFunctionResource[] {
  return resourcesOf(template, 'AWS::Lambda::Function').flatMap(([logicalId, resource]) => {
    const key = String(resource.Properties?.Code?.S3Key ?? '');
    const assetDir = join(outdir, `asset.${key.replace(/\.zip$/, '')}`);
    const ours = key.endsWith('.zip') && existsSync(join(assetDir, 'index.mjs'));
    return ours ? [{ logicalId, resource, id: constructIdOf(resource), assetDir }] : [];
  });
}
