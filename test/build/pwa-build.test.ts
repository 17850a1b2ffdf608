import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { beforeAll, describe, expect, inject, it } from 'vitest';

/*
 * The real production build of the PWA (web/vite.config.ts) into a temp directory, then what it
 * promises: the app shell is precached so the app opens with no network, /api is never cached,
 * an update waits for the user, the app is installable, and the first load stays small.
 */

const INITIAL_JS_BUDGET_BYTES = 75 * 1024;

let outDir: string;
let swSource: string;
let indexHtml: string;

beforeAll(async () => {
  outDir = await mkdtemp(join(inject('tmpDir'), 'web-dist-'));
  // Vitest runs with NODE_ENV=test, which would make this a development build of Preact with
  // `import.meta.env.PROD` false: build as `npm run build:web` does.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: resolve('web/vite.config.ts'),
      mode: 'production',
      logLevel: 'silent',
      build: { outDir, emptyOutDir: true },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  swSource = await readFile(join(outDir, 'sw.js'), 'utf8');
  indexHtml = await readFile(join(outDir, 'index.html'), 'utf8');
}, 60_000);

const precached = () => [...swSource.matchAll(/\burl:\s*"([^"]+)"/g)].map((m) => m[1] as string);
const filesIn = async (dir: string) => (await readdir(join(outDir, dir))).map((f) => `${dir}/${f}`);

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8)).toEqual(
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  );
  expect(bytes.toString('ascii', 12, 16)).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('[PWA] the service worker', () => {
  it('precaches the app shell: index.html, every JS and CSS asset, the manifest and the icons', async () => {
    const urls = precached();
    const assets = (await filesIn('assets')).filter((f) => /\.(js|css)$/.test(f));
    expect(assets.some((f) => f.endsWith('.js'))).toBe(true);
    expect(assets.some((f) => f.endsWith('.css'))).toBe(true);
    expect(urls).toEqual(expect.arrayContaining(['index.html', 'manifest.webmanifest', ...assets]));
    expect(urls).toEqual(expect.arrayContaining(await filesIn('icons')));
    expect(new Set(urls).size).toBe(urls.length);
  });

  it('opens every in-app URL offline with the shell, but never answers /api from a cache', () => {
    expect(swSource).toMatch(/createHandlerBoundToURL\("index\.html"\)/);
    const denylist = /denylist:\s*\[([^\]]+)\]/.exec(swSource)?.[1] ?? '';
    const patterns = [...denylist.matchAll(/\/(.+?)\/([a-z]*)(?:,|$)/g)].map(
      (m) => new RegExp(m[1] as string, m[2]),
    );
    const isDenied = (path: string) => patterns.some((p) => p.test(path));
    expect(isDenied('/api/sync/pull')).toBe(true);
    expect(isDenied('/api')).toBe(true);
    expect(isDenied('/')).toBe(false);
    expect(isDenied('/records/0193')).toBe(false);
    expect(isDenied('/apiary')).toBe(false);
    // The navigation route is the only route: no runtime caching of anything else.
    expect(swSource.match(/registerRoute\(/g)).toHaveLength(1);
  });

  it('takes over only when the user asks: skipWaiting only on the SKIP_WAITING message', () => {
    expect(swSource).toMatch(/"SKIP_WAITING"===\w+\.data\.type&&self\.skipWaiting\(\)/);
    expect(swSource.match(/skipWaiting\(\)/g)).toHaveLength(1);
    expect(swSource).not.toMatch(/clientsClaim\(\)/);
  });
});

describe('[PWA] installing the app', () => {
  it('has a manifest with a name, standalone display, the start URL and the brand colours', async () => {
    const manifest = JSON.parse(await readFile(join(outDir, 'manifest.webmanifest'), 'utf8'));
    expect(manifest).toMatchObject({
      name: 'Frontline Playbook',
      short_name: 'Playbook',
      display: 'standalone',
      start_url: '/',
      scope: '/',
      theme_color: expect.stringMatching(/^#[0-9a-f]{6}$/i),
      background_color: expect.stringMatching(/^#[0-9a-f]{6}$/i),
    });
    expect(indexHtml).toContain('<link rel="manifest" href="/manifest.webmanifest">');
  });

  it('has 192 and 512 px icons and a maskable 512 px one, each a PNG of its stated size', async () => {
    const manifest = JSON.parse(await readFile(join(outDir, 'manifest.webmanifest'), 'utf8'));
    const icons = manifest.icons as { src: string; sizes: string; purpose?: string }[];
    expect(icons.map((i) => `${i.sizes} ${i.purpose ?? 'any'}`).sort()).toEqual([
      '192x192 any',
      '512x512 any',
      '512x512 maskable',
    ]);
    for (const icon of icons) {
      const [width, height] = icon.sizes.split('x').map(Number);
      expect(pngSize(await readFile(join(outDir, icon.src)))).toEqual({ width, height });
    }
  });

  it('links an Apple touch icon and favicons that exist', () => {
    const hrefs = [
      ...indexHtml.matchAll(/<link rel="(?:icon|apple-touch-icon)"[^>]*href="([^"]+)"/g),
    ].map((m) => m[1] as string);
    expect(hrefs).toEqual(
      expect.arrayContaining(['/icons/apple-touch-icon-180.png', '/icons/favicon.svg']),
    );
    for (const href of hrefs) expect(existsSync(join(outDir, href))).toBe(true);
  });
});

describe('[PWA] the first load', () => {
  const initialScripts = () => [
    ...[...indexHtml.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1] as string),
    ...[...indexHtml.matchAll(/<link rel="modulepreload"[^>]*href="([^"]+)"/g)].map(
      (m) => m[1] as string,
    ),
  ];

  it("runs under the server's Content-Security-Policy: no inline script", () => {
    const scripts = [...indexHtml.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc="\/assets\//);
      expect(body?.trim()).toBe('');
    }
  });

  it('registers the service worker from the app bundle', async () => {
    const code = await Promise.all(
      initialScripts().map((src) => readFile(join(outDir, src), 'utf8')),
    );
    expect(code.join('\n')).toContain('/sw.js');
  });

  it(`keeps the initial JS under ${INITIAL_JS_BUDGET_BYTES / 1024} KB gzip (old phones, slow networks)`, async () => {
    let total = 0;
    for (const src of initialScripts()) {
      total += gzipSync(await readFile(join(outDir, src))).length;
    }
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThan(INITIAL_JS_BUDGET_BYTES);
  });

  it(`lets a first visit use the sign-in form after under ${INITIAL_JS_BUDGET_BYTES / 1024} KB gzip: the entry and the sign-in chunk, no database, no schemas`, async () => {
    // Every script the form needs: the entry, the sign-in chunk the entry imports lazily, and
    // what either imports statically.
    const staticImport = /(?:\bfrom\s*|\bimport\s*)["'](\.{1,2}\/[^"']+\.js)["']/g;
    const needed = new Set<string>();
    const visit = async (file: string) => {
      if (needed.has(file)) return;
      needed.add(file);
      const code = await readFile(join(outDir, file), 'utf8');
      for (const m of code.matchAll(staticImport)) {
        await visit(join('assets', m[1] as string).replace(/^assets\/\.\//, 'assets/'));
      }
    };
    for (const src of initialScripts()) await visit(src.replace(/^\//, ''));
    const signIn = (await filesIn('assets')).filter((f) => /sign-in-screen-[^/]+\.js$/.test(f));
    expect(signIn).toHaveLength(1);
    await visit(signIn[0] as string);

    const files = [...needed];
    expect(files.some((f) => f.includes('browser-stores-'))).toBe(false);
    expect(files.some((f) => f.includes('screens-'))).toBe(false);
    let total = 0;
    for (const file of files) {
      const code = await readFile(join(outDir, file));
      // Neither the schemas (zod) nor the database (Dexie) is needed to type a username.
      expect(code.includes('ZodError'), file).toBe(false);
      expect(code.includes('Dexie'), file).toBe(false);
      total += gzipSync(code).length;
    }
    expect(total).toBeLessThan(INITIAL_JS_BUDGET_BYTES);
  });
});
