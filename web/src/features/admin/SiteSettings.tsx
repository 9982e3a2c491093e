import { type FormEvent, useState } from 'react';
import { describeError } from '../../api/client';
import { QueryState } from '../../shared/components/states';
import { useNotify } from '../../shared/components/toast';
import { type Site, useSaveSite, useSites } from './api';

/** Each site's transfer threshold, window length and booking horizon. */
export function SiteSettings() {
  const sites = useSites();
  return (
    <section className="card" aria-labelledby="admin-sites">
      <h2 id="admin-sites">Site settings</h2>
      <QueryState query={sites} label="Loading sites…">
        {(rows) => (
          <div className="grid-2">
            {rows.map((site) => (
              <SiteForm key={site.slug} site={site} />
            ))}
          </div>
        )}
      </QueryState>
    </section>
  );
}

function SiteForm({ site }: { site: Site }) {
  const save = useSaveSite();
  const notify = useNotify();
  const [threshold, setThreshold] = useState(String(site.transferThresholdSeconds));
  const [windowMinutes, setWindowMinutes] = useState(String(site.windowMinutes));
  const [horizon, setHorizon] = useState(String(site.bookingHorizonDays));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(
      {
        slug: site.slug,
        change: {
          transferThresholdSeconds: Number(threshold),
          windowMinutes: Number(windowMinutes),
          bookingHorizonDays: Number(horizon),
        },
      },
      {
        onSuccess: () => notify(`${site.name}: saved.`, 'success'),
        onError: (error) => notify(`Not saved: ${describeError(error)}`, 'error'),
      },
    );
  };
  return (
    <form className="stack site-form" onSubmit={submit} aria-label={`Settings of ${site.name}`}>
      <h3>
        {site.name} <span className="muted small">{site.timeZone}</span>
      </h3>
      <label className="field">
        <span>Transfer threshold (seconds)</span>
        <input type="number" min={1} value={threshold} onChange={(e) => setThreshold(e.target.value)} />
      </label>
      <label className="field">
        <span>Callback window (minutes)</span>
        <input
          type="number"
          min={5}
          value={windowMinutes}
          onChange={(e) => setWindowMinutes(e.target.value)}
        />
      </label>
      <label className="field">
        <span>Booking horizon (days)</span>
        <input type="number" min={1} value={horizon} onChange={(e) => setHorizon(e.target.value)} />
      </label>
      {site.calendarFeedUrl && (
        <p className="small">
          Calendar feed: <code>{site.calendarFeedUrl}</code>
        </p>
      )}
      <div className="actions">
        <button type="submit" className="button primary small" disabled={save.isPending}>
          Save {site.name}
        </button>
      </div>
    </form>
  );
}
