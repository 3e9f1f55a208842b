/** The API, same origin, with the signed-in key as a bearer token; errors carry the API's own message. */
const KEY = 'engine-console-api-key';

/** Fired when the API stops accepting the tab's key (revoked): the console goes back to sign-in. */
export const SIGNED_OUT_EVENT = 'console-signed-out';

export const session = {
  key: (): string | null => sessionStorage.getItem(KEY),
  signIn: (key: string) => sessionStorage.setItem(KEY, key),
  signOut: () => sessionStorage.removeItem(KEY),
};

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Array<{ path: string; message: string }> = [],
  ) {
    super(message);
  }
}

export async function api<T>(method: string, path: string, body?: unknown, key = session.key()): Promise<T> {
  const headers: Record<string, string> = {};
  if (key) headers.Authorization = `Bearer ${key}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  const parsed: unknown = text ? JSON.parse(text) : undefined;
  if (res.status === 401 && key && key === session.key()) {
    session.signOut();
    dispatchEvent(new Event(SIGNED_OUT_EVENT));
  }
  if (!res.ok) {
    const error = (parsed as { error?: { code?: string; message?: string; fields?: ApiFailure['fields'] } } | undefined)?.error;
    throw new ApiFailure(res.status, error?.code ?? 'http_error', error?.message ?? `${res.status} ${res.statusText}`, error?.fields);
  }
  return parsed as T;
}

export const get = <T>(path: string) => api<T>('GET', path);
export const post = <T>(path: string, body: unknown = {}) => api<T>('POST', path, body);
