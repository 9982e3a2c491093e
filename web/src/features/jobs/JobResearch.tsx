import { type FormEvent, useState } from 'react';
import { describeError } from '../../api/client';
import { QueryState } from '../../shared/components/states';
import { Time } from '../../shared/components/time';
import { useNotify } from '../../shared/components/toast';
import { describeNoteKind, humanize } from '../../shared/text';
import { zoneName } from '../../shared/time';
import { type Job, useAddNote, useJob } from './api';
import { PhoneLink } from '../../shared/components/phone';

/** The job research panel: customer, parts, exceptions and the timeline (newest first). */
export function JobResearch({
  number,
  zone,
  compact = false,
}: {
  number: string;
  zone: string;
  compact?: boolean;
}) {
  const job = useJob(number);
  return (
    <QueryState query={job} label="Loading the job…">
      {(data) => <JobDetails job={data} zone={zone} compact={compact} />}
    </QueryState>
  );
}

function JobDetails({ job, zone, compact }: { job: Job; zone: string; compact: boolean }) {
  const [tab, setTab] = useState<'timeline' | 'parts' | 'exceptions'>('timeline');
  const notes = [...job.notes].reverse();
  return (
    <section className="research" aria-label={`Job ${job.number}`}>
      <header className="research-head">
        <div>
          <h3>
            Job {job.number} <span className="badge">{job.status}</span>
          </h3>
          <p className="muted">{job.product}</p>
        </div>
        <dl className="facts">
          <dt>Customer</dt>
          <dd>{job.customer.name}</dd>
          <dt>Phone</dt>
          <dd>
            <PhoneLink phone={job.customer.phone} name={job.customer.name} />
          </dd>
          <dt>Email</dt>
          <dd>{job.customer.email ?? '—'}</dd>
          <dt>Customer time</dt>
          <dd>{zoneName(job.customer.timeZone)}</dd>
        </dl>
      </header>
      <div role="tablist" aria-label="Job research" className="tabs">
        {(['timeline', 'parts', 'exceptions'] as const).map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={tab === name}
            className={tab === name ? 'tab active' : 'tab'}
            onClick={() => setTab(name)}
          >
            {name === 'timeline'
              ? `Timeline (${job.notes.length})`
              : name === 'parts'
                ? `Parts (${job.parts.length})`
                : `Exceptions (${job.exceptions.length})`}
          </button>
        ))}
      </div>
      <div role="tabpanel" className={compact ? 'tabpanel compact' : 'tabpanel'}>
        {tab === 'timeline' && (
          <>
            <AddNote number={job.number} />
            <ol className="timeline">
              {notes.map((note) => (
                <li key={note.id}>
                  <div className="timeline-meta">
                    <Time value={String(note.createdAt)} zone={zone} /> · {note.authorName ?? 'System'}{' '}
                    <span className="badge subtle">{describeNoteKind(note.kind)}</span>
                  </div>
                  <p>{note.body}</p>
                </li>
              ))}
            </ol>
          </>
        )}
        {tab === 'parts' &&
          (job.parts.length === 0 ? (
            <p className="muted">No parts on this job.</p>
          ) : (
            <table className="table">
              <caption className="sr-only">Parts</caption>
              <thead>
                <tr>
                  <th scope="col">Part</th>
                  <th scope="col">Description</th>
                  <th scope="col">Status</th>
                  <th scope="col">Ordered</th>
                </tr>
              </thead>
              <tbody>
                {job.parts.map((part) => (
                  <tr key={part.id}>
                    <td>{part.partNumber}</td>
                    <td>{part.description}</td>
                    <td>{part.status}</td>
                    <td>{part.orderedAt ? <Time value={String(part.orderedAt)} zone={zone} /> : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ))}
        {tab === 'exceptions' &&
          (job.exceptions.length === 0 ? (
            <p className="muted">No exceptions on this job.</p>
          ) : (
            <ul className="plain-list">
              {job.exceptions.map((ex) => (
                <li key={ex.id}>
                  <strong>{ex.typeLabel}</strong> <span className="badge">{humanize(ex.status)}</span> —{' '}
                  {ex.comment}{' '}
                  <span className="muted">
                    opened <Time value={String(ex.createdAt)} zone={zone} />
                  </span>
                </li>
              ))}
            </ul>
          ))}
      </div>
    </section>
  );
}

function AddNote({ number }: { number: string }) {
  const [body, setBody] = useState('');
  const add = useAddNote(number);
  const notify = useNotify();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!body.trim()) return;
    add.mutate(body.trim(), {
      onSuccess: () => setBody(''),
      onError: (error) => notify(`Note not saved: ${describeError(error)}`, 'error'),
    });
  };
  return (
    <form className="inline-form" onSubmit={submit}>
      <label className="field grow">
        <span className="sr-only">Add a note to the job</span>
        <input
          value={body}
          onChange={(e) => setBody(e.target.value)}
          placeholder="Add a note to the job timeline"
        />
      </label>
      <button type="submit" className="button small" disabled={add.isPending || !body.trim()}>
        Add note
      </button>
    </form>
  );
}
