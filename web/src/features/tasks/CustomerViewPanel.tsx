import { PhoneLink } from '../../shared/components/phone';
import { QueryState } from '../../shared/components/states';
import { Time } from '../../shared/components/time';
import { TaskTable } from './TaskTable';
import { humanize } from '../../shared/text';
import { zoneName } from '../../shared/time';
import { useCustomerView, useEscalationReasons } from './api';

/** Everything for one customer: jobs, escalations, exceptions, tasks, appointments. */
export function CustomerViewPanel({
  customerId,
  zone,
  onOpenTask,
}: {
  customerId: string;
  zone: string;
  onOpenTask: (id: string) => void;
}) {
  const view = useCustomerView(customerId);
  const reasons = useEscalationReasons();
  const reasonLabel = (code: string) => reasons.data?.find((r) => r.code === code)?.label ?? humanize(code);
  return (
    <QueryState query={view} label="Loading the customer…">
      {(v) => (
        <div className="stack">
          <header className="page-head">
            <h1>Customer view · {v.customer.name}</h1>
            <p className="muted">
              <PhoneLink phone={v.customer.phone} name={v.customer.name} />{' '}
              {v.customer.email ? `· ${v.customer.email}` : ''}{' '}
              {v.customer.timeZone ? `· ${zoneName(v.customer.timeZone)}` : ''}
            </p>
          </header>
          <div className="grid-2">
            <section className="card" aria-labelledby="cv-jobs">
              <h2 id="cv-jobs">Jobs</h2>
              <ul className="plain-list">
                {v.jobs.map((j) => (
                  <li key={j.number}>
                    <strong>{j.number}</strong> {j.product} <span className="badge">{j.status}</span>
                  </li>
                ))}
              </ul>
            </section>
            <section className="card" aria-labelledby="cv-appointments">
              <h2 id="cv-appointments">Appointments</h2>
              {v.appointments.length === 0 ? (
                <p className="muted">None.</p>
              ) : (
                <ul className="plain-list">
                  {v.appointments.map((a) => (
                    <li key={a.id}>
                      <Time value={a.start} zone={a.customerTimeZone} />{' '}
                      <span className="badge">{humanize(a.status)}</span>{' '}
                      <span className="muted">({humanize(a.siteSlug)} Leadership Desk)</span>
                    </li>
                  ))}
                </ul>
              )}
            </section>
            <section className="card" aria-labelledby="cv-escalations">
              <h2 id="cv-escalations">Escalations</h2>
              {v.escalations.length === 0 ? (
                <p className="muted">None.</p>
              ) : (
                <ul className="plain-list">
                  {v.escalations.map((e) => (
                    <li key={e.id}>
                      Job {e.jobNumber} · {e.reasons.map(reasonLabel).join(', ')}{' '}
                      <span className="badge">{humanize(e.status)}</span>{' '}
                      {e.createdAt && <Time value={e.createdAt} zone={zone} />}
                    </li>
                  ))}
                </ul>
              )}
            </section>
            <section className="card" aria-labelledby="cv-exceptions">
              <h2 id="cv-exceptions">Exceptions</h2>
              {v.exceptions.length === 0 ? (
                <p className="muted">None.</p>
              ) : (
                <ul className="plain-list">
                  {v.exceptions.map((x) => (
                    <li key={x.id}>
                      {x.typeLabel ?? humanize(x.type)} <span className="badge">{humanize(x.status)}</span>{' '}
                      {x.comment}
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </div>
          <section className="card" aria-labelledby="cv-tasks">
            <h2 id="cv-tasks">Tasks</h2>
            <TaskTable tasks={v.tasks} zone={zone} onOpen={onOpenTask} />
          </section>
        </div>
      )}
    </QueryState>
  );
}
