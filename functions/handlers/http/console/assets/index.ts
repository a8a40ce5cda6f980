// The console's static files, fingerprinted: the name carries a hash of the content, so browsers
// keep them for a year (immutable) and a new version is a new name, never a stale cache.
import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { script } from './script';
import { styles } from './styles';

interface Asset {
  path: string;
  body: string;
  type: string;
}

const fingerprinted = (name: string, ext: string, body: string, type: string): Asset => {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  return { path: `/console/assets/${name}.${hash}.${ext}`, body, type };
};

export const ASSETS = {
  styles: fingerprinted('console', 'css', styles, 'text/css; charset=utf-8'),
  script: fingerprinted('console', 'js', script, 'text/javascript; charset=utf-8'),
} as const;

export function assetRoutes(): Hono {
  const app = new Hono();
  for (const asset of Object.values(ASSETS))
    app.get(asset.path, (c) =>
      c.body(asset.body, 200, { 'Content-Type': asset.type, 'Cache-Control': 'public, max-age=31536000, immutable' }),
    );
  return app;
}
