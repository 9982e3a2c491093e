import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { keys } from '../../api/keys';
import { QueryState } from '../../shared/components/states';
import { humanize } from '../../shared/text';

const deskRoleLabels: Record<string, string> = { lead: 'Lead', sme: 'SME', supervisor: 'Supervisor' };

/** Who is on the desk now, with presence in words beside the dot. */
export function DeskMembers({ site }: { site: string }) {
  const members = useQuery({
    queryKey: [...keys.desk.all(), 'members', site],
    queryFn: () => unwrap(api.GET('/api/desk/{siteSlug}/members', { params: { path: { siteSlug: site } } })),
  });
  return (
    <section className="card" aria-labelledby="members-title">
      <h2 id="members-title">On the desk</h2>
      <QueryState query={members} label="Loading the desk…">
        {(desk) => (
          <ul className="plain-list">
            {desk.members.map((m) => (
              <li key={m.id} className="member">
                <span className={`dot dot-${m.presence}`} aria-hidden="true" /> <strong>{m.name}</strong>{' '}
                <span className="muted">
                  {deskRoleLabels[m.role] ?? humanize(m.role)} · {humanize(m.presence)}
                  {m.activeTransferId ? ' · on a call' : ''}
                </span>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </section>
  );
}
