import { useRef, useState } from 'preact/hooks';
import { MAX_INCIDENT_PHOTOS } from '../../../../shared/index.ts';
import type { PhotosStore } from '../../stores/photos-store.ts';
import { useAppState } from '../../shell/app-state.ts';
import { Button } from '../../ui/index.ts';
import { PhotoThumb } from '../common/photo-thumbs.tsx';
import { encodePhoto, PhotoDecodeError } from './photo-encode.ts';

type Problem = 'tooMany' | 'unreadable' | 'notStored' | null;

/**
 * "Add photo": the camera (or the gallery), several at once, up to ten. Each picture is
 * re-encoded on the phone and stored in its database before its id joins the draft, so neither
 * an app update nor a dead battery loses one (docs/sync.md SY20).
 */
export function PhotoField({
  photos,
  value,
  onChange,
}: {
  readonly photos: PhotosStore;
  readonly value: readonly string[];
  readonly onChange: (photoIds: readonly string[]) => void;
}) {
  const { t } = useAppState().i18n.value;
  const inputRef = useRef<HTMLInputElement>(null);
  const [isBusy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem>(null);
  // The latest ids, for adds that finish after other changes.
  const idsRef = useRef(value);
  idsRef.current = value;

  async function add(files: readonly File[]) {
    setProblem(null);
    const room = MAX_INCIDENT_PHOTOS - idsRef.current.length;
    if (files.length > room) setProblem('tooMany');
    setBusy(true);
    try {
      for (const file of files.slice(0, Math.max(0, room))) {
        let id: string;
        try {
          id = await photos.add(await encodePhoto(file));
        } catch (err) {
          setProblem(err instanceof PhotoDecodeError ? 'unreadable' : 'notStored');
          continue;
        }
        idsRef.current = [...idsRef.current, id];
        onChange(idsRef.current);
      }
    } finally {
      setBusy(false);
    }
  }

  function remove(id: string) {
    idsRef.current = idsRef.current.filter((x) => x !== id);
    onChange(idsRef.current);
    void photos.remove(id);
  }

  return (
    <div class="stack stack--tight" role="group" aria-labelledby="photos-label">
      <span id="photos-label" class="field__label">
        {t('photos.label')}
      </span>
      <p id="photos-hint" class="field__hint">
        {t('photos.hint', { max: MAX_INCIDENT_PHOTOS })}
      </p>
      {value.length > 0 ? (
        <ul class="photo-grid" aria-label={t('photos.title')}>
          {value.map((id, index) => (
            <PhotoThumb key={id} photos={photos} id={id} n={index + 1}>
              <Button variant="ghost" onClick={() => remove(id)}>
                {t('photos.remove', { n: index + 1 })}
              </Button>
            </PhotoThumb>
          ))}
        </ul>
      ) : null}
      <p class="muted" role="status">
        {isBusy
          ? t('photos.preparing')
          : t('photos.count', { count: value.length, max: MAX_INCIDENT_PHOTOS })}
      </p>
      {problem ? (
        <p class="field__error" role="alert">
          {problem === 'tooMany'
            ? t('photos.tooMany', { max: MAX_INCIDENT_PHOTOS })
            : t(`photos.${problem}`)}
        </p>
      ) : null}
      {/* The real input is hidden: the button is the one control people and screen readers use. */}
      <input
        ref={inputRef}
        class="visually-hidden"
        type="file"
        accept="image/*"
        capture="environment"
        multiple
        tabIndex={-1}
        aria-hidden="true"
        data-photo-input
        onChange={(event) => {
          const input = event.currentTarget;
          const files = [...(input.files ?? [])];
          input.value = '';
          if (files.length > 0) void add(files);
        }}
      />
      <Button
        variant="secondary"
        isBusy={isBusy}
        disabled={value.length >= MAX_INCIDENT_PHOTOS}
        aria-describedby="photos-hint"
        onClick={() => inputRef.current?.click()}
      >
        {t('photos.add')}
      </Button>
    </div>
  );
}
