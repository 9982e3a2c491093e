import { useId } from 'react';
import { Empty, QueryState } from '../../shared/components/states';
import { useUrlParams } from '../../shared/url-params';
import { type Row, type Site, useAdminList, useSites } from './api';
import { useSiteSchedules } from './schedules-api';
import { Holidays } from './Holidays';
import type { Member } from './schedule-forms';
import { WeeklyHours } from './WeeklyHours';

/** Roles that staff a Leadership Desk (the server refuses others). */
const deskRoles = new Set(['supervisor', 'lead', 'sme']);

/** Every site's desk hours and holidays, one site at a time (the site is in the URL). */
export function Schedules() {
  const sites = useSites();
  const [params, setParams] = useUrlParams();
  const id = useId();
  return (
    <section className="card" aria-labelledby="admin-schedules">
      <header className="section-head">
        <h2 id="admin-schedules">Desk schedules and holidays</h2>
      </header>
      <QueryState query={sites} label="Loading sites…">
        {(rows) => {
          const slug = params.get('site') ?? rows[0]?.slug ?? '';
          const site = rows.find((s) => s.slug === slug) ?? rows[0];
          if (!site) return <Empty>No sites yet.</Empty>;
          return (
            <>
              <div className="field">
                <label htmlFor={`${id}-site`}>Site</label>
                <select
                  id={`${id}-site`}
                  value={site.slug}
                  onChange={(e) => setParams({ site: e.target.value }, { replace: true })}
                >
                  {rows.map((s) => (
                    <option key={s.slug} value={s.slug}>
                      {s.name}
                    </option>
                  ))}
                </select>
              </div>
              <SiteSchedulesView key={site.slug} site={site} />
            </>
          );
        }}
      </QueryState>
    </section>
  );
}

function SiteSchedulesView({ site }: { site: Site }) {
  const schedules = useSiteSchedules(site.slug);
  const users = useAdminList('users');
  const members: Member[] = (users.data ?? [])
    .filter((u: Row) => u.siteSlug === site.slug && u.isActive && deskRoles.has(String(u.role)))
    .map((u: Row) => ({ id: String(u.id), name: String(u.name) }));
  return (
    <QueryState query={schedules} label="Loading schedules…">
      {(data) => (
        <>
          <WeeklyHours site={site} data={data} members={members} />
          <Holidays site={site} data={data} members={members} />
        </>
      )}
    </QueryState>
  );
}
