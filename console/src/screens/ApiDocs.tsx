import { useEffect, useRef, useState } from 'preact/hooks';
import { get, session } from '../api';

/**
 * The API's OpenAPI document rendered by swagger-ui (swagger-ui-dist, bundled: nothing fetched from
 * elsewhere, no validator badge). The document is read with the signed-in key, and "Try it out" sends
 * that key too; swagger-ui is loaded only when this page opens.
 */
export function ApiDocs() {
  const host = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const [spec, ui] = await Promise.all([
          get<object>('/openapi.json'),
          import('swagger-ui-dist/swagger-ui-es-bundle.js'),
          import('swagger-ui-dist/swagger-ui.css'),
        ]);
        if (!live || !host.current) return;
        ui.default({
          domNode: host.current,
          spec,
          validatorUrl: null,
          requestInterceptor: (request) => {
            const key = session.key();
            if (key) request.headers.Authorization = `Bearer ${key}`;
            return request;
          },
        });
      } catch (err) {
        if (live) setError((err as Error).message);
      }
    })();
    return () => {
      live = false;
    };
  }, []);
  return (
    <section aria-labelledby="docs-title">
      <h1 id="docs-title">API documentation</h1>
      <p class="note">
        Generated from the API's own schemas (<code>/openapi.json</code>, read with your key). Requests sent from here use your key.
      </p>
      {error && (
        <p role="alert" class="error">
          Could not load the document: {error}
        </p>
      )}
      <div id="api-docs" ref={host} />
    </section>
  );
}
