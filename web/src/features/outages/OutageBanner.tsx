import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { keys } from '../../api/keys';

/** An active system outage: its guidance and the script for customers, above every screen. */
export function OutageBanner() {
  const outages = useQuery({
    queryKey: keys.outages.active(),
    queryFn: async () => (await unwrap(api.GET('/api/outages/active'))).items,
    staleTime: 60_000,
  });
  const [open, setOpen] = useState<string | null>(null);
  const active = (outages.data ?? []).filter((o) => o.isActive);
  if (active.length === 0) return null;
  return (
    <section className="outage" aria-label="System outage">
      {active.map((o) => (
        <div key={o.id} className="outage-item" role="alert">
          <strong>⚠ Outage: {o.title}</strong> <span>{o.guidance}</span>{' '}
          <button
            type="button"
            className="link-button"
            aria-expanded={open === o.id}
            onClick={() => setOpen(open === o.id ? null : o.id)}
          >
            {open === o.id ? 'Hide the script' : 'What to tell customers'}
          </button>
          {open === o.id && <blockquote className="script">{o.script}</blockquote>}
        </div>
      ))}
    </section>
  );
}
