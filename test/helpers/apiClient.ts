export interface ApiResponse {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/** A tiny HTTP client for the API under test, authenticated with `key` (none when empty). */
export function apiClient(baseUrl: string, key: string) {
  async function raw(method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<ApiResponse> {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      body,
      headers: { ...(key ? { Authorization: `Bearer ${key}` } : {}), ...headers },
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }
  return {
    raw,
    get: (path: string) => raw('GET', path),
    post: (path: string, body: unknown, headers: Record<string, string> = {}) =>
      raw('POST', path, JSON.stringify(body), { 'Content-Type': 'application/json', ...headers }),
  };
}
