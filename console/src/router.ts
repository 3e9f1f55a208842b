import { useEffect, useState } from 'preact/hooks';

/** Client routes under /console (the API answers index.html for any of them). */
export const BASE = '/console';

export type Route =
  | { screen: 'home' }
  | { screen: 'board'; engagementId: string }
  | { screen: 'deliveries' }
  | { screen: 'newDelivery' }
  | { screen: 'delivery'; deliveryId: string }
  | { screen: 'newEngagement' }
  | { screen: 'engagements' }
  | { screen: 'editEngagement'; engagementId: string }
  | { screen: 'cloneEngagement'; engagementId: string }
  | { screen: 'history' }
  | { screen: 'uploads' }
  | { screen: 'previews' }
  | { screen: 'policies' }
  | { screen: 'docs' }
  | { screen: 'notFound'; path: string };

export function parseRoute(pathname: string): Route {
  const path = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : pathname;
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return { screen: 'home' };
  if (parts[0] === 'board' && parts[1] && parts.length === 2) return { screen: 'board', engagementId: parts[1] };
  if (parts[0] === 'deliveries' && parts.length === 1) return { screen: 'deliveries' };
  if (parts[0] === 'deliveries' && parts[1] === 'new' && parts.length === 2) return { screen: 'newDelivery' };
  if (parts[0] === 'deliveries' && parts[1] && parts.length === 2) return { screen: 'delivery', deliveryId: parts[1] };
  if (parts[0] === 'engagements' && parts[1] === 'new' && parts.length === 2) return { screen: 'newEngagement' };
  if (parts[0] === 'engagements' && parts.length === 1) return { screen: 'engagements' };
  if (parts[0] === 'engagements' && parts[1] && parts[2] === 'edit' && parts.length === 3)
    return { screen: 'editEngagement', engagementId: parts[1] };
  if (parts[0] === 'engagements' && parts[1] && parts[2] === 'clone' && parts.length === 3)
    return { screen: 'cloneEngagement', engagementId: parts[1] };
  if (parts.length === 1 && (['history', 'uploads', 'previews', 'policies'] as const).includes(parts[0] as 'history'))
    return { screen: parts[0] as 'history' | 'uploads' | 'previews' | 'policies' };
  if (parts[0] === 'docs' && parts.length === 1) return { screen: 'docs' };
  return { screen: 'notFound', path };
}

export const href = (path: string) => `${BASE}${path}`;

export function navigate(path: string, replace = false): void {
  if (replace) history.replaceState(null, '', href(path));
  else history.pushState(null, '', href(path));
  dispatchEvent(new PopStateEvent('popstate'));
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.pathname));
  useEffect(() => {
    const onPop = () => setRoute(parseRoute(location.pathname));
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);
  return route;
}

/** A real link (keyboard, middle-click) that routes on the client for a plain click. */
export function onLinkClick(e: MouseEvent, path: string): void {
  if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  navigate(path);
}
