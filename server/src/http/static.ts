import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import type { AppEnv } from './env.ts';

const PLACEHOLDER = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Frontline Playbook</title></head>
<body style="font-family:system-ui;max-width:36rem;margin:2rem auto;padding:0 1rem">
<h1>Frontline Playbook</h1>
<p>The server and its API are running. The app for phones is not built yet.</p>
<p>API description: <a href="/api/openapi.json">/api/openapi.json</a></p>
</body></html>`;

/**
 * Serves the built PWA from web/dist: hashed assets are immutable for a year; index.html, the
 * service worker and the manifest are always revalidated so an update reaches devices.
 */
export function mountStatic(app: Hono<AppEnv>, distDir = resolve('web/dist')): void {
  if (!existsSync(join(distDir, 'index.html'))) {
    app.get('/', (c) => c.html(PLACEHOLDER));
    return;
  }
  app.use('/assets/*', async (c, next) => {
    await next();
    if (c.res.ok) c.header('Cache-Control', 'public, max-age=31536000, immutable');
  });
  app.use('*', async (c, next) => {
    await next();
    if (!c.req.path.startsWith('/assets/') && c.res.ok) c.header('Cache-Control', 'no-cache');
  });
  app.use('*', serveStatic({ root: distDir }));
  // Client-side routes fall back to the shell.
  app.get('*', serveStatic({ path: join(distDir, 'index.html') }));
}
