import { useEffect, useRef, useState } from 'react';
import { Empty, ErrorState, Loading } from '../../shared/components/states';
import { type JobSummary, useJobSearch } from './api';

/** Finds a job by number, customer name or phone; Enter opens the first match. */
export function JobSearch({ onOpen, initial = '' }: { onOpen: (job: JobSummary) => void; initial?: string }) {
  // The first thing people do here is type: focus the field once, on arrival.
  const firstField = useRef<HTMLInputElement>(null);
  useEffect(() => firstField.current?.focus(), []);
  const [text, setText] = useState(initial);
  const [q, setQ] = useState(initial);
  useEffect(() => {
    const t = setTimeout(() => setQ(text.trim()), 200);
    return () => clearTimeout(t);
  }, [text]);
  const search = useJobSearch(q);
  const items = search.data?.items ?? [];

  return (
    <section className="card" aria-labelledby="find-job">
      <h2 id="find-job">Find a job or customer</h2>
      <form
        aria-label="Find a job"
        onSubmit={(e) => {
          e.preventDefault();
          if (items[0]) onOpen(items[0]);
        }}
      >
        <label className="field">
          <span>Job number, customer name or phone</span>
          <input
            ref={firstField}
            type="search"
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder="e.g. J-100100 or Garcia"
          />
        </label>
      </form>
      {q.length < 2 ? null : search.isPending ? (
        <Loading label="Searching…" />
      ) : search.error ? (
        <ErrorState error={search.error} onRetry={() => search.refetch()} />
      ) : items.length === 0 ? (
        <Empty>No job or customer matches “{q}”.</Empty>
      ) : (
        <ul className="result-list" aria-label="Matching jobs">
          {items.map((job) => (
            <li key={job.id}>
              <button type="button" className="result" onClick={() => onOpen(job)}>
                <strong>{job.number}</strong>
                <span>{job.customerName}</span>
                <span className="muted">{job.customerPhone}</span>
                <span className="muted">{job.product}</span>
                <span className="badge">{job.status}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
