import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { keys } from '../../api/keys';
import { Empty, QueryState } from '../../shared/components/states';
import { useUrlParams } from '../../shared/url-params';

type Filters = { name: string; from?: string; to?: string; site?: string };

/**
 * Reports by name, with the period and site in the URL; each one also downloads as CSV. A count of
 * tasks opens them: the server gives each such cell the task-list filters that list what it counted.
 */
export function ReportsPage() {
  const [params, set] = useUrlParams();
  const list = useQuery({
    queryKey: keys.reports.all(),
    queryFn: async () => (await unwrap(api.GET('/api/reports'))).items,
  });
  const filters: Filters = {
    name: params.get('name') ?? list.data?.[0]?.name ?? '',
    from: params.get('from') ?? undefined,
    to: params.get('to') ?? undefined,
    site: params.get('site') ?? undefined,
  };
  const query = { from: filters.from, to: filters.to, site: filters.site };
  const report = useQuery({
    queryKey: keys.reports.run(filters),
    queryFn: () =>
      unwrap(api.GET('/api/reports/{name}', { params: { path: { name: filters.name }, query } })),
    enabled: Boolean(filters.name),
  });
  const csv = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => Boolean(e[1])));
  return (
    <div className="stack">
      <header className="page-head">
        <h1>Reports</h1>
      </header>
      <fieldset className="filters card">
        <legend className="sr-only">Report and period</legend>
        <label className="field">
          <span>Report</span>
          <select value={filters.name} onChange={(e) => set({ name: e.target.value })}>
            {(list.data ?? []).map((r) => (
              <option key={r.name} value={r.name}>
                {r.title}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>From (site date)</span>
          <input type="date" value={filters.from ?? ''} onChange={(e) => set({ from: e.target.value })} />
        </label>
        <label className="field">
          <span>To (inclusive)</span>
          <input type="date" value={filters.to ?? ''} onChange={(e) => set({ to: e.target.value })} />
        </label>
        <label className="field">
          <span>Site</span>
          <select value={filters.site ?? ''} onChange={(e) => set({ site: e.target.value })}>
            <option value="">All sites</option>
            <option value="east">East</option>
            <option value="west">West</option>
          </select>
        </label>
        {filters.name && (
          <a
            className="button small"
            href={`/api/reports/${filters.name}.csv${csv.size ? `?${csv}` : ''}`}
            download
          >
            Download CSV
          </a>
        )}
      </fieldset>
      <section className="card" aria-labelledby="report-title">
        <QueryState query={report} label="Running the report…">
          {(r) => (
            <>
              <h2 id="report-title">{r.title}</h2>
              <p className="muted">
                {r.description} · {r.from.slice(0, 10)} to {r.to.slice(0, 10)} (UTC) · {r.site ?? 'all sites'}
              </p>
              {r.rows.length === 0 ? (
                <Empty>No data in this period.</Empty>
              ) : (
                <table className="table">
                  <caption className="sr-only">{r.title}</caption>
                  <thead>
                    <tr>
                      {r.columns.map((c) => (
                        <th key={c.key} scope="col">
                          {c.label}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {r.rows.map((row, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: report rows have no id
                      <tr key={i}>
                        {r.columns.map((c) => {
                          const link = r.links[i]?.[c.key];
                          const value = row[c.key] ?? '—';
                          return (
                            <td key={c.key}>
                              {link ? (
                                <Link to={`/tasks?${new URLSearchParams(link)}`}>
                                  {value}
                                  <span className="sr-only">
                                    {' '}
                                    {link.promiseDueFrom ? 'tasks of these promises' : 'tasks'}: {c.label},{' '}
                                    {String(row[r.columns[0]!.key] ?? '')}
                                  </span>
                                </Link>
                              ) : (
                                value
                              )}
                            </td>
                          );
                        })}
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </>
          )}
        </QueryState>
      </section>
    </div>
  );
}
