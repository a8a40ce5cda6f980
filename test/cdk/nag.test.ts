// cdk-nag (AwsSolutions) and CDK's own CloudFormation validation over the whole stack: no finding
// may be left unaddressed, and every acknowledgement must say why.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './synth';

const { app } = buildApp({ validate: true });
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
let synthError: unknown;
let outdir: string;

beforeAll(() => {
  try {
    outdir = app.synth().directory;
  } catch (error) {
    synthError = error;
  }
});

function allConstructs(root: IConstruct): IConstruct[] {
  return [root, ...root.node.children.flatMap(allConstructs)];
}

/** Every `Validations.acknowledge` in the app: rule id (without CDK's prefix), where, and why. */
function acknowledgements(): { id: string; at: string; reason: string }[] {
  return allConstructs(app).flatMap((c) =>
    c.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) =>
        Object.entries(m.data as Record<string, unknown>).map(([id, reason]) => ({
          id: id.replace(/^annotation::/i, ''),
          at: c.node.path,
          reason: String(reason),
        })),
      ),
  );
}

describe('cdk-nag AwsSolutions', () => {
  it('leaves no error or warning unacknowledged', () => {
    const { violations } = new AwsSolutionsChecks().validateScope(app);
    const findings = violations.flatMap((v) =>
      v.violatingResources.map((r) => `${v.severity} ${v.ruleName} at ${r.constructPath}`),
    );
    expect(findings).toEqual([]);
  });

  it('lets synthesis through', () => {
    expect(synthError).toBeUndefined();
  });

  it('acknowledges each finding with a reason that explains it', () => {
    expect(acknowledgements().length).toBeGreaterThan(0);
    for (const ack of acknowledgements()) {
      expect(ack.reason.length, `${ack.id} at ${ack.at}`).toBeGreaterThan(40);
    }
  });

  it('acknowledges only findings that exist (no stale acknowledgement)', () => {
    // The same checks with acknowledgements ignored: what each acknowledgement is hiding.
    const blind = new AwsSolutionsChecks();
    Object.assign(blind, { isAcknowledged: () => false });
    const findings = blind
      .validateScope(app)
      .violations.flatMap((v) => v.violatingResources.map((r) => ({ rule: v.ruleName, at: r.constructPath })));
    for (const ack of acknowledgements()) {
      const hidden = findings.filter((f) => f.rule === ack.id && (f.at === ack.at || f.at?.startsWith(`${ack.at}/`)));
      expect(hidden.length, `${ack.id} at ${ack.at}`).toBeGreaterThan(0);
    }
  });
});

describe('CDK CloudFormation validation', () => {
  it('reports no violation on the template', () => {
    const reportPath = join(outdir, 'validation-report.json');
    expect(existsSync(reportPath)).toBe(true);
    const report = JSON.parse(readFileSync(reportPath, 'utf8')) as {
      pluginReports: { pluginName: string; violations: unknown[] }[];
    };
    expect(report.pluginReports.flatMap((r) => r.violations)).toEqual([]);
  });
});
