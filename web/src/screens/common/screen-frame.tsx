import type { ComponentChildren } from 'preact';
import { useAppState } from '../../shell/app-state.ts';
import { PageHeader, Skeleton } from '../../ui/index.ts';
import { useReady, type Ready } from './use-stores.ts';

export interface ScreenFrameProps {
  readonly title: string;
  readonly intro?: ComponentChildren;
  readonly back?: { readonly href: string; readonly label: string };
  /** The screen's body, once the stores and the session have loaded. */
  readonly children: (ready: Ready) => ComponentChildren;
}

/**
 * Every screen's frame: its heading at once (the shell moves focus to it on a route change),
 * then a light skeleton until the data layer has loaded, then the screen.
 */
export function ScreenFrame({ title, intro, back, children }: ScreenFrameProps) {
  const { t } = useAppState().i18n.value;
  const ready = useReady();
  return (
    <div class="stack">
      <PageHeader title={title} intro={intro} back={back} />
      {ready ? children(ready) : <Skeleton label={t('app.loading')} />}
    </div>
  );
}
