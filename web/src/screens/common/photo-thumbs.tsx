import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { PhotosStore, PhotoView } from '../../stores/photos-store.ts';
import { useAppState } from '../../shell/app-state.ts';

type Shown =
  | { readonly status: 'loading' }
  | { readonly status: 'shown'; readonly url: string; readonly isRefused: boolean }
  | Exclude<PhotoView, { status: 'shown' }>;

/**
 * A photo as an object URL: from the device's copy, else fetched from the server with the
 * session (a bare `<img src>` could not send the bearer token). Asked again when the phone comes
 * online; the URL is released when the photo leaves the screen.
 */
function usePhoto(photos: PhotosStore, id: string): Shown {
  const isOnline = useAppState().isOnline.value;
  const [shown, setShown] = useState<Shown>({ status: 'loading' });
  useEffect(() => {
    let isCurrent = true;
    let url: string | null = null;
    void photos.load(id).then((view) => {
      if (!isCurrent) return;
      if (view.status !== 'shown') return setShown(view);
      url = URL.createObjectURL(view.blob);
      setShown({ status: 'shown', url, isRefused: view.localState === 'refused' });
    });
    return () => {
      isCurrent = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [photos, id, isOnline]);
  return shown;
}

/** One photo, or what stands in its place, numbered from 1 for screen readers. */
export function PhotoThumb(props: {
  readonly photos: PhotosStore;
  readonly id: string;
  readonly n: number;
  readonly children?: ComponentChildren;
}) {
  const { t } = useAppState().i18n.value;
  const shown = usePhoto(props.photos, props.id);
  const n = props.n;
  return (
    <li class="photo-thumb" data-photo-id={props.id} data-photo-status={shown.status}>
      {shown.status === 'shown' ? (
        <img src={shown.url} alt={t('photos.photoN', { n })} width={96} height={96} />
      ) : (
        <p class="photo-thumb__missing muted">
          {shown.status === 'loading'
            ? t('photos.loading', { n })
            : shown.status === 'not_received'
              ? t('photos.notReceived', { n })
              : t('photos.unavailable', { n })}
        </p>
      )}
      {shown.status === 'shown' && shown.isRefused ? (
        <p class="muted">{t('photos.refused', { n })}</p>
      ) : null}
      {props.children}
    </li>
  );
}

/** The photos an incident names, on its record page. */
export function IncidentPhotos(props: {
  readonly photos: PhotosStore;
  readonly ids: readonly string[];
}) {
  const { t } = useAppState().i18n.value;
  return (
    <section class="card" aria-labelledby="incident-photos">
      <h2 id="incident-photos" class="card__title">
        {t('photos.title')}
      </h2>
      <ul class="photo-grid">
        {props.ids.map((id, index) => (
          <PhotoThumb key={id} photos={props.photos} id={id} n={index + 1} />
        ))}
      </ul>
    </section>
  );
}
