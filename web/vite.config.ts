import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const webDir = dirname(fileURLToPath(import.meta.url));

/** The brand blue of the icons (scripts/make-icons.ts) and of the app bar. */
const THEME_COLOUR = '#0f4c81';

/**
 * The PWA build: `npm run build:web` writes web/dist, which the server serves (hashed /assets
 * immutable, everything else revalidated). `npm run dev:web` serves the app with the API proxied.
 */
export default defineConfig({
  root: webDir,
  // Keep Vite's cache in the project's node_modules, not a second one under web/.
  cacheDir: resolve(webDir, '../node_modules/.vite'),
  build: {
    outDir: resolve(webDir, 'dist'),
    emptyOutDir: true,
    // Old phones (product.md §5): Safari 14 / Chrome 87 era engines still get a working app.
    target: ['es2020', 'safari14', 'chrome87'],
    rolldownOptions: {
      treeshake: {
        // shared/ is pure by contract (shared/CONTEXT.md): importing one of its modules does
        // nothing but define things. Said here, a module none of whose exports is used is
        // dropped even when it is reached through the shared/index.ts barrel (57 → 47 KB gzip
        // for the shell). Not `manualPureFunctions: ['z']` to drop unused zod schemas too: it
        // matches by name in every module, and it silently removed Preact's own minified `z`
        // (its style setter).
        moduleSideEffects: [{ test: /^(?!.*node_modules).*[\\/]shared[\\/]/, sideEffects: false }],
      },
    },
  },
  server: {
    proxy: { '/api': 'http://localhost:8080' },
  },
  plugins: [
    preact(),
    VitePWA({
      // An app with forms never updates itself: the user chooses when to reload (src/pwa).
      registerType: 'prompt',
      // src/pwa registers the worker with workbox-window; nothing is injected into index.html
      // (the server's Content-Security-Policy allows no inline script anyway).
      injectRegister: false,
      strategies: 'generateSW',
      // globPatterns below already take every icon and the manifest; listing them again here
      // would put each in the precache list twice.
      includeManifestIcons: false,
      manifest: {
        id: '/',
        name: 'Frontline Playbook',
        short_name: 'Playbook',
        description:
          'The CRM plan, risk tactics and compensation limits on your phone, even with no signal.',
        lang: 'en',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'portrait',
        theme_color: THEME_COLOUR,
        background_color: '#ffffff',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          {
            src: '/icons/icon-maskable-512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
        ],
      },
      workbox: {
        // The app shell: with these cached the app opens with no network at all. (The plugin adds
        // manifest.webmanifest to the list itself.)
        globPatterns: ['**/*.{html,js,css,png,svg}'],
        // Every in-app URL opens the shell offline, but never an /api URL: data goes through
        // the sync engine and IndexedDB, and a cached API answer would be a stale lie.
        navigateFallback: 'index.html',
        navigateFallbackDenylist: [/^\/api(?:\/|$)/],
        // No runtimeCaching on purpose: /api is network-only.
        cleanupOutdatedCaches: true,
        clientsClaim: false,
        skipWaiting: false,
      },
      devOptions: { enabled: false },
    }),
  ],
});
