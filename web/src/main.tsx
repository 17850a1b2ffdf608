import { render } from 'preact';
import { App, loadScreens, loadSignIn } from './app.tsx';
import { registerServiceWorker } from './pwa/register.ts';
import { connectBrowser, createBrowserAppState } from './shell/app-state.ts';
import { connectStores } from './shell/connect-stores.ts';
import './ui/styles.css';

const state = createBrowserAppState(window);
connectBrowser(state, window);

// Only the production build has a service worker (vite-plugin-pwa's dev mode is off): in dev a
// worker would serve stale modules.
if (import.meta.env.PROD) {
  state.serviceWorker.value = registerServiceWorker({
    onUpdateReady: () => {
      state.isUpdateReady.value = true;
      state.isUpdateDismissed.value = false;
    },
    onOfflineReady: () => (state.isOfflineReady.value = true),
  });
}

// The screens chunk is needed for anything past the skeleton: ask for it before rendering. On a
// first visit (or after a sign-out) the sign-in form comes first, from its own small chunk; the
// rest follows while the person types (see loadStores below).
const isSignInFirst = !state.mayHaveSession;
const signInReady = isSignInFirst ? loadSignIn() : Promise.resolve(null);
if (!isSignInFirst) void loadScreens();

const root = document.getElementById('app');
if (root === null) throw new Error('index.html has no #app element');
root.textContent = '';
render(<App state={state} />, root);

/*
 * The data layer (Dexie, the sync engine, the zod schemas: ~44 KB gzip) loads after the first
 * paint, in a chunk of its own: with it in the first chunk a slow phone would show nothing for
 * longer, and the initial JS would pass its 75 KB budget. Screens show a skeleton until then.
 */
function loadStores(): void {
  import('./stores/browser-stores.ts')
    .then(({ createBrowserStores }) => connectStores(state, createBrowserStores()))
    .catch((err: unknown) => {
      // IndexedDB blocked by policy or a broken profile: say so rather than spin forever.
      console.error('The data layer did not start', err);
      state.storesFailed.value = true;
    });
}
const loadTheRest = () => {
  if (isSignInFirst) void loadScreens();
  loadStores();
};
void signInReady
  .catch(() => null)
  .then(() => requestAnimationFrame(() => setTimeout(loadTheRest, 0)));
