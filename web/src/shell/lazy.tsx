import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export interface LazyProps<P extends object> {
  /** `() => import('./big-screen.tsx').then((m) => m.BigScreen)`: a chunk of its own. */
  readonly load: () => Promise<ComponentType<P>>;
  readonly props: P;
  readonly fallback: string;
}

/**
 * A screen loaded when first shown, so the first paint on a slow phone does not wait for it.
 * Without preact/compat's `lazy` (and its weight). The service worker precaches the chunk, so
 * it loads offline too.
 */
export function Lazy<P extends object>({ load, props, fallback }: LazyProps<P>) {
  const [Loaded, setLoaded] = useState<ComponentType<P> | null>(null);
  useEffect(() => {
    let isCurrent = true;
    void load().then((component) => {
      if (isCurrent) setLoaded(() => component);
    });
    return () => {
      isCurrent = false;
    };
  }, [load]);
  return Loaded ? <Loaded {...props} /> : <p aria-busy="true">{fallback}</p>;
}
