import { useAppState } from '../shell/app-state.ts';
import { Lazy } from '../shell/lazy.tsx';

const loadKit = () => import('./kit-screen.tsx').then((m) => m.KitScreen);

/** `#/kit`: every component with sample data, in a chunk of its own. */
export function KitRoute() {
  return <Lazy load={loadKit} props={{}} fallback={useAppState().i18n.value.t('app.loading')} />;
}
