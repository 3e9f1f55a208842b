import { useEffect, useState } from 'preact/hooks';
import type { Role } from './roles';
import { ApiFailure, SIGNED_OUT_EVENT, get, session } from './api';
import { Link } from './components/Link';
import { can } from './roles';
import { navigate, useRoute } from './router';
import { ApiDocs } from './screens/ApiDocs';
import { Board } from './screens/Board';
import { Deliveries } from './screens/Deliveries';
import { DeliveryPage } from './screens/DeliveryPage';
import { EngagementForm } from './screens/EngagementForm';
import { Engagements } from './screens/Engagements';
import { History } from './screens/History';
import { NewDelivery } from './screens/NewDelivery';
import { Policies } from './screens/Policies';
import { PreviewDesk } from './screens/PreviewDesk';
import { Uploads } from './screens/Uploads';
import { SignIn } from './screens/SignIn';

/** The engagement `npm start` creates (scripts/demoSetup.ts): the board's first page. */
const DEFAULT_ENGAGEMENT = 'demo';

export function App() {
  const route = useRoute();
  const [roles, setRoles] = useState<Role[] | null>(null);
  const [checking, setChecking] = useState(!!session.key());

  useEffect(() => {
    if (!session.key()) return;
    get<{ roles: Role[] }>('/v1/me')
      .then((me) => setRoles(me.roles))
      .catch((err) => {
        if (err instanceof ApiFailure && err.status === 401) session.signOut();
      })
      .finally(() => setChecking(false));
  }, []);

  useEffect(() => {
    const signedOut = () => setRoles(null);
    addEventListener(SIGNED_OUT_EVENT, signedOut);
    return () => removeEventListener(SIGNED_OUT_EVENT, signedOut);
  }, []);

  useEffect(() => {
    if (roles && route.screen === 'home')
      navigate(
        can(roles, 'board')
          ? `/board/${DEFAULT_ENGAGEMENT}`
          : can(roles, 'previewDesk') && !can(roles, 'searchDeliveries')
            ? '/previews'
            : '/deliveries',
        true,
      );
  }, [roles, route.screen]);

  if (checking) return <p>Loading…</p>;
  if (!roles) return <SignIn onSignedIn={setRoles} />;

  const signOut = () => {
    session.signOut();
    setRoles(null);
  };
  let screen;
  switch (route.screen) {
    case 'home':
      screen = null;
      break;
    case 'board':
      screen = can(roles, 'board') ? <Board engagementId={route.engagementId} roles={roles} /> : <Forbidden />;
      break;
    case 'deliveries':
      screen = can(roles, 'searchDeliveries') ? <Deliveries /> : <Forbidden />;
      break;
    case 'newDelivery':
      screen = can(roles, 'createDelivery') ? <NewDelivery /> : <Forbidden />;
      break;
    case 'delivery':
      screen = can(roles, 'readDelivery') ? <DeliveryPage deliveryId={route.deliveryId} roles={roles} /> : <Forbidden />;
      break;
    case 'newEngagement':
      screen = can(roles, 'createEngagement') ? <EngagementForm /> : <Forbidden />;
      break;
    case 'engagements':
      screen = can(roles, 'listEngagements') ? <Engagements roles={roles} /> : <Forbidden />;
      break;
    case 'editEngagement':
      screen = can(roles, 'createEngagement') ? (
        <EngagementForm key={`edit-${route.engagementId}`} editor={{ mode: 'edit', engagementId: route.engagementId }} />
      ) : (
        <Forbidden />
      );
      break;
    case 'cloneEngagement':
      screen = can(roles, 'createEngagement') ? (
        <EngagementForm key={`clone-${route.engagementId}`} editor={{ mode: 'clone', engagementId: route.engagementId }} />
      ) : (
        <Forbidden />
      );
      break;
    case 'history':
      screen = can(roles, 'history') ? <History /> : <Forbidden />;
      break;
    case 'uploads':
      screen = can(roles, 'upload') ? <Uploads /> : <Forbidden />;
      break;
    case 'previews':
      screen = can(roles, 'previewDesk') ? <PreviewDesk roles={roles} /> : <Forbidden />;
      break;
    case 'policies':
      screen = can(roles, 'listPolicies') ? <Policies roles={roles} /> : <Forbidden />;
      break;
    case 'docs':
      screen = <ApiDocs />;
      break;
    default:
      screen = <p>No page here.</p>;
  }
  return (
    <>
      <header>
        <nav aria-label="Console">
          <strong>Engagement engine</strong>
          {can(roles, 'board') && (
            <Link to={`/board/${route.screen === 'board' ? route.engagementId : DEFAULT_ENGAGEMENT}`}>Live board</Link>
          )}
          {can(roles, 'searchDeliveries') && <Link to="/deliveries">Deliveries</Link>}
          {can(roles, 'createDelivery') && <Link to="/deliveries/new">New delivery</Link>}
          {can(roles, 'createEngagement') && <Link to="/engagements/new">New engagement</Link>}
          {can(roles, 'listEngagements') && <Link to="/engagements">Engagements</Link>}
          {can(roles, 'history') && <Link to="/history">History</Link>}
          {can(roles, 'upload') && <Link to="/uploads">Uploads</Link>}
          {can(roles, 'previewDesk') && <Link to="/previews">Preview desk</Link>}
          {can(roles, 'listPolicies') && <Link to="/policies">Policies</Link>}
          <Link to="/docs">API docs</Link>
        </nav>
        <span class="who">Roles: {roles.join(', ')}</span>
        <button type="button" onClick={signOut}>
          Sign out
        </button>
      </header>
      <main>{screen}</main>
    </>
  );
}

function Forbidden() {
  return <p role="alert">Your key's roles do not allow this page.</p>;
}
