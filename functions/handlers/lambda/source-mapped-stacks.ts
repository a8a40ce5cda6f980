// Stack traces that name the TypeScript sources, without paying for the source map at cold start:
// Node's --enable-source-maps parses a bundle's whole map as the bundle loads (a fifth of the
// webhook's init once the AWS SDK is bundled); here the map is read on the first stack formatted.
import { readFileSync } from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { fileURLToPath } from 'node:url';

type CallSite = NodeJS.CallSite;

/**
 * Installs `Error.prepareStackTrace` for frames of `bundleUrl` (the bundle's own `import.meta.url`):
 * its map (`<bundle>.map`, written beside it by the bundler without a sourceMappingURL comment, so
 * Node never loads it by itself) is parsed once, when the first error's stack is read. Without the
 * map (tsx, tests) frames print as Node would.
 */
export function sourceMappedStacks(bundleUrl: string): void {
  if (!bundleUrl.startsWith('file:')) return;
  const bundle = fileURLToPath(bundleUrl);
  let map: SourceMap | null | undefined;
  const load = () => {
    if (map !== undefined) return map;
    try {
      map = new SourceMap(JSON.parse(readFileSync(`${bundle}.map`, 'utf8')) as SourceMapPayload);
    } catch {
      map = null;
    }
    return map;
  };
  const frame = (site: CallSite): string => {
    const file = site.getFileName();
    const line = site.getLineNumber();
    const column = site.getColumnNumber();
    const name = site.getFunctionName();
    if ((file === bundle || file === bundleUrl) && line !== null && column !== null) {
      const entry = load()?.findEntry(line - 1, column - 1);
      if (entry && 'originalSource' in entry) {
        const where = `${entry.originalSource.replace(/^.*?(functions|node_modules)\//, '$1/')}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
        return `    at ${name ?? '<anonymous>'} (${where})`;
      }
    }
    return file ? `    at ${name ?? '<anonymous>'} (${file}:${line}:${column})` : `    at ${name ?? '<anonymous>'}`;
  };
  Error.prepareStackTrace = (error: Error, sites: CallSite[]) => [header(error), ...sites.map(frame)].join('\n');
}

function header(error: unknown): string {
  try {
    return Error.prototype.toString.call(error);
  } catch {
    return 'Error';
  }
}
