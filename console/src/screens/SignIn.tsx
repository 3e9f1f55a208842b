import { useState } from 'preact/hooks';
import type { Role } from '../roles';
import { ApiFailure, api, session } from '../api';

/** Sign in with an API key: GET /v1/me says whether it is valid and which roles it has. */
export function SignIn({ onSignedIn }: { onSignedIn: (roles: Role[]) => void }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  async function submit(e: Event) {
    e.preventDefault();
    try {
      const me = await api<{ roles: Role[] }>('GET', '/v1/me', undefined, key.trim());
      session.signIn(key.trim());
      onSignedIn(me.roles);
    } catch (err) {
      setError(err instanceof ApiFailure && err.status === 401 ? 'This key is not valid.' : (err as Error).message);
    }
  }
  return (
    <section class="signin" aria-labelledby="signin-title">
      <h1 id="signin-title">Sign in</h1>
      <p>Use an API key (`npm start` prints a development key). It is kept for this browser tab only.</p>
      <form onSubmit={(e) => void submit(e)}>
        <label for="api-key">API key</label>
        <input id="api-key" type="password" autoComplete="off" required value={key} onInput={(e) => setKey(e.currentTarget.value)} />
        <button type="submit" class="primary">
          Sign in
        </button>
      </form>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
    </section>
  );
}
