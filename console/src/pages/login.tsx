import type { ErrorBody } from '@hall/shared';
import { useState } from 'preact/hooks';
import { ActionError } from '../components/refusal.js';
import { login } from '../net/session.js';
import { unlockAudio } from '../sound/chime.js';
import { followLocation, lang, t } from '../store/store.js';

export function LoginPage() {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);

  async function submit(e: Event) {
    e.preventDefault();
    // Sign-in is a user gesture: the warning chime may play from now on.
    unlockAudio();
    setBusy(true);
    setError(null);
    const r = await login(username.trim(), password);
    setBusy(false);
    if (!r.ok) setError(r.error);
    else {
      setPassword('');
      followLocation();
    }
  }

  return (
    <main class="login">
      <form class="card" onSubmit={(e) => void submit(e)} aria-labelledby="login-title">
        <h1 id="login-title">
          {t('appTitle')} · {t('loginTitle')}
        </h1>
        <p>{t('loginHint')}</p>
        <label>
          {t('username')}
          <input name="username" autoComplete="username" required value={username} onInput={(e) => setUsername(e.currentTarget.value)} />
        </label>
        <label>
          {t('password')}
          <input name="password" type="password" autoComplete="current-password" required value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
        </label>
        <ActionError error={error} />
        <div class="row">
          <button class="btn primary" type="submit" disabled={busy}>
            {busy ? t('signingIn') : t('signIn')}
          </button>
          <button class="btn" type="button" onClick={() => (lang.value = lang.value === 'zh' ? 'en' : 'zh')}>
            {t('language')}
          </button>
        </div>
      </form>
    </main>
  );
}
