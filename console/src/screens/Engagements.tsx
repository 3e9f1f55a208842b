import type { Role } from '../roles';
import { get } from '../api';
import { Link } from '../components/Link';
import { can } from '../roles';
import type { Engagement } from '../types';
import { usePoll } from '../usePoll';

/** Every engagement, with what the key may do with each: its board, edit, clone, upload a file. */
export function Engagements({ roles }: { roles: Role[] }) {
  const list = usePoll(() => get<{ engagements: Engagement[] }>('/v1/engagements'), 10_000, []);
  return (
    <section aria-labelledby="engagements-title">
      <h1 id="engagements-title">Engagements</h1>
      {can(roles, 'createEngagement') && <Link to="/engagements/new">New engagement</Link>}
      {list.error && (
        <p role="alert" class="error">
          {list.error.message}
        </p>
      )}
      <table aria-label="Engagements">
        <thead>
          <tr>
            <th scope="col">Engagement</th>
            <th scope="col">Name</th>
            <th scope="col">Channel</th>
            <th scope="col">Dial mode</th>
            <th scope="col">State</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {(list.data?.engagements ?? []).map((e) => (
            <tr key={e.engagementId} data-engagement={e.engagementId}>
              <td>{e.engagementId}</td>
              <td>{e.name}</td>
              <td>{e.channel}</td>
              <td>{e.dialMode ?? ''}</td>
              <td>{e.state}</td>
              <td class="actions">
                {can(roles, 'board') && <Link to={`/board/${encodeURIComponent(e.engagementId)}`}>Board</Link>}
                {can(roles, 'createEngagement') && (
                  <>
                    {' '}
                    <Link to={`/engagements/${encodeURIComponent(e.engagementId)}/edit`}>Edit {e.engagementId}</Link>{' '}
                    <Link to={`/engagements/${encodeURIComponent(e.engagementId)}/clone`}>Clone {e.engagementId}</Link>
                  </>
                )}
                {can(roles, 'upload') && (
                  <>
                    {' '}
                    <Link to={`/uploads?engagement=${encodeURIComponent(e.engagementId)}`}>Upload to {e.engagementId}</Link>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
