import { useState } from 'preact/hooks';
import { useAppState } from '../../shell/app-state.ts';
import { Button } from '../../ui/index.ts';

/** A position as the form's draft keeps it: text, empty when none. */
export interface LocationDraft {
  readonly lat: string;
  readonly lng: string;
  readonly accuracyM: string;
}

export const NO_LOCATION: LocationDraft = { lat: '', lng: '', accuracyM: '' };

/** The draft's position as the record's `location`, or null when none was added. */
export function locationOf(v: LocationDraft): {
  lat: number;
  lng: number;
  accuracyM: number;
} | null {
  if (v.lat === '' || v.lng === '') return null;
  const lat = Number(v.lat);
  const lng = Number(v.lng);
  const accuracyM = Math.min(100_000, Math.max(0, Math.round(Number(v.accuracyM) || 0)));
  return Number.isFinite(lat) && Number.isFinite(lng) ? { lat, lng, accuracyM } : null;
}

type Problem = 'denied' | 'unavailable' | 'unsupported' | null;

/**
 * "Add my location" (product.md: GPS if the user allows). Asked only when the person taps it; the
 * phone's GPS works with no signal. Coordinates are rounded to 5 decimals (about a metre).
 */
export function LocationField({
  value,
  onChange,
}: {
  readonly value: LocationDraft;
  readonly onChange: (patch: LocationDraft) => void;
}) {
  const { t } = useAppState().i18n.value;
  const [isBusy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem>(null);
  const location = locationOf(value);

  function locate() {
    if (!('geolocation' in navigator)) {
      setProblem('unsupported');
      return;
    }
    setBusy(true);
    setProblem(null);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setBusy(false);
        onChange({
          lat: position.coords.latitude.toFixed(5),
          lng: position.coords.longitude.toFixed(5),
          accuracyM: String(Math.round(position.coords.accuracy)),
        });
      },
      (error) => {
        setBusy(false);
        setProblem(error.code === error.PERMISSION_DENIED ? 'denied' : 'unavailable');
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 5 * 60_000 },
    );
  }

  return (
    <div class="stack stack--tight" role="group" aria-labelledby="location-label">
      <span id="location-label" class="field__label">
        {t('location.label')}
      </span>
      {location ? (
        <>
          <p data-location={`${location.lat},${location.lng}`}>
            {t('location.added', { accuracy: location.accuracyM })}
          </p>
          <Button variant="ghost" onClick={() => onChange(NO_LOCATION)}>
            {t('location.remove')}
          </Button>
        </>
      ) : (
        <>
          <p class="muted">{t('location.hint')}</p>
          <Button variant="secondary" isBusy={isBusy} onClick={locate}>
            {t('location.add')}
          </Button>
        </>
      )}
      {problem ? (
        <p class="muted" role="status">
          {t(`location.problem.${problem}`)}
        </p>
      ) : null}
    </div>
  );
}
