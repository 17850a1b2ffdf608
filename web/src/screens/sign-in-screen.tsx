import { useEffect, useState } from 'preact/hooks';
import { useAppState } from '../shell/app-state.ts';
import { Banner, Button, Card, PageHeader, TextField } from '../ui/index.ts';
import { errorCodeOf, errorDetailsOf } from './common/use-stores.ts';

/** Codes that mean "no connection" at sign-in: the first sign-in needs the network once. */
const OFFLINE_CODES = new Set(['network', 'timeout']);

/**
 * Sign in, online once; then the app works offline for the session's lifetime. Also the way
 * back in after a manager revoked the phone's session or it expired: the records waiting to sync
 * stay on the device and go as soon as the same user signs in again.
 */
export function SignInScreen() {
  const state = useAppState();
  const i18n = state.i18n.value;
  const { t } = i18n;
  const stores = state.stores.value;
  const session = state.session.value;
  const isAgain = Boolean(session?.needsSignIn);
  const [username, setUsername] = useState(session?.user.username ?? '');
  const [password, setPassword] = useState('');
  const [isBusy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ code: string; text: string } | null>(null);
  const [fieldErrors, setFieldErrors] = useState<{ username?: string; password?: string }>({});
  // "Sign in" pressed before the data layer arrived (a first visit on a slow link): sent as soon
  // as it has.
  const [isWaitingForStores, setWaitingForStores] = useState(false);
  useEffect(() => {
    if (isWaitingForStores && stores) {
      setWaitingForStores(false);
      void signIn();
    }
  }, [isWaitingForStores, stores]);

  // Signed in and nothing to renew: this is not the place to be.
  useEffect(() => {
    if (session && !session.needsSignIn && state.path.value === '/sign-in') state.navigate('/');
  }, [session, state]);

  function submit(event: Event) {
    event.preventDefault();
    if (isBusy || isWaitingForStores) return;
    if (!stores) {
      setWaitingForStores(true);
      return;
    }
    void signIn();
  }

  async function signIn() {
    if (!stores || isBusy) return;
    const name = username.trim().toLowerCase();
    const errors = {
      ...(name === '' ? { username: t('signIn.usernameMissing') } : {}),
      ...(password === '' ? { password: t('signIn.passwordMissing') } : {}),
    };
    setFieldErrors(errors);
    if (errors.username || errors.password) {
      setProblem(null);
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      await stores.session.signIn(name, password, {
        deviceName: navigator.userAgent.slice(0, 120),
      });
      setPassword('');
      if (state.path.value === '/sign-in') state.navigate('/');
    } catch (err) {
      const code = errorCodeOf(err);
      const details = errorDetailsOf(err);
      const text = OFFLINE_CODES.has(code)
        ? t('signIn.offline')
        : code === 'other_user_data'
          ? t('signIn.otherUser', { user: String(details.previousUser ?? '') })
          : i18n.errorMessage(code);
      setProblem({ code, text });
      if (code === 'bad_credentials') setFieldErrors({ password: t('signIn.checkPassword') });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="stack">
      <PageHeader
        title={isAgain ? t('signIn.againTitle') : t('signIn.title')}
        intro={isAgain ? t('signIn.againIntro') : t('signIn.intro')}
      />
      <Card>
        <form class="stack" onSubmit={submit} noValidate>
          {!state.isOnline.value ? (
            <Banner tone="warning" title={t('signIn.needsNetworkTitle')}>
              <p>{t('signIn.needsNetwork')}</p>
            </Banner>
          ) : null}
          {problem ? (
            <Banner
              tone="danger"
              role="alert"
              title={
                problem.code === 'too_many_attempts'
                  ? t('signIn.throttledTitle')
                  : t('signIn.failedTitle')
              }
            >
              <p>{problem.text}</p>
            </Banner>
          ) : null}
          <TextField
            label={t('signIn.username')}
            value={username}
            onValue={setUsername}
            autoComplete="username"
            autoCapitalize="none"
            spellcheck={false}
            isRequired
            requiredMarker={t('field.required')}
            error={fieldErrors.username ?? null}
          />
          <TextField
            label={t('signIn.password')}
            type="password"
            value={password}
            onValue={setPassword}
            autoComplete="current-password"
            isRequired
            requiredMarker={t('field.required')}
            error={fieldErrors.password ?? null}
          />
          <Button type="submit" isBlock isBusy={isBusy || isWaitingForStores}>
            {isAgain ? t('action.signInAgain') : t('action.signIn')}
          </Button>
          <p class="muted">{t('signIn.privacy')}</p>
        </form>
      </Card>
    </div>
  );
}
