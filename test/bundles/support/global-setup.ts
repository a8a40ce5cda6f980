// Synthesizes the stack once for the whole bundle suite as an operator's deploy does — `cdk synth`
// through cdk.json and cdk/app.ts, bundles built by esbuild, cdk-nag run — into a directory of its
// own, handed to the test files (`inject('assemblyDir')`) and removed at the end.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { REPO_ROOT } from '../../../cdk/constructs/lambda-function';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The cloud assembly: PorteVoix.template.json and one asset.<hash>/ directory per function. */
    assemblyDir: string;
  }
}

export default function setup(project: TestProject): () => void {
  const outdir = mkdtempSync(join(tmpdir(), 'porte-voix-assembly-'));
  execFileSync(join(REPO_ROOT, 'node_modules/.bin/cdk'), ['synth', '--quiet', '--output', outdir], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  project.provide('assemblyDir', outdir);
  return () => rmSync(outdir, { recursive: true, force: true });
}
