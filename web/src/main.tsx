import { render } from 'preact';
import { App } from './app.tsx';
import { registerServiceWorker } from './pwa/register.ts';
import { connectBrowser, createBrowserAppState } from './shell/app-state.ts';
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

const root = document.getElementById('app');
if (root === null) throw new Error('index.html has no #app element');
root.textContent = '';
render(<App state={state} />, root);
