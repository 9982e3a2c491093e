import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { describeError } from '../../api/client';
import { BookingWidget } from '../../features/booking/BookingWidget';
import { Confirmation } from '../../features/booking/Confirmation';
import type { Booked } from '../../features/booking/api';
import { EscalationForm, EscalationSummary } from '../../features/escalations/EscalationForm';
import { OpenEscalations } from '../../features/escalations/OpenEscalations';
import { type OpenEscalation, useEscalation, useReasons } from '../../features/escalations/api';
import { JobResearch } from '../../features/jobs/JobResearch';
import { JobSearch } from '../../features/jobs/JobSearch';
import { useUrlParams } from '../../shared/url-params';
import { useJob } from '../../features/jobs/api';
import type { Me } from '../../features/session/api';
import { useHeartbeat } from '../../features/session/heartbeat';
import { PermissionStatus } from '../../features/transfers/PermissionStatus';
import { TransferPanel } from '../../features/transfers/TransferPanel';
import { useAskPermission, usePermission } from '../../features/transfers/api';
import { useNotify } from '../../shared/components/toast';
import { localZone } from '../../shared/time';

/**
 * The agent's console, one call from start to finish: find the job, open the escalation, transfer
 * (live wait clock), at the threshold ask for permission, book, read the confirmation. Each step's
 * id lives in the URL, so a reload keeps the call where it was.
 */
export function AgentConsole({ me }: { me: Me }) {
  const [params, setParams] = useSearchParams();
  const [, set] = useUrlParams();
  const jobNumber = params.get('job') ?? undefined;
  const escalationId = params.get('escalation') ?? undefined;
  const transferId = params.get('transfer') ?? undefined;
  const permissionId = params.get('permission') ?? undefined;
  const [booked, setBooked] = useState<Booked | null>(null);
  // A waiting transfer lasts while this tab does: the server ends it when the tab goes silent.
  useHeartbeat();
  const zone = me.siteTimeZone ?? localZone();

  const job = useJob(jobNumber);
  const escalation = useEscalation(escalationId);
  const permission = usePermission(permissionId);
  const reasons = useReasons();
  const reasonLabels = new Map((reasons.data ?? []).map((r) => [r.code, r.label]));
  // Back into an escalation the server holds for us, where it stands (transfer, or permission).
  const resume = (e: OpenEscalation) => {
    setBooked(null);
    setParams(
      new URLSearchParams({
        job: e.jobNumber,
        escalation: e.id,
        ...(e.transfer ? { transfer: e.transfer.id } : {}),
        ...(e.permission && e.permission.status !== 'denied' ? { permission: e.permission.id } : {}),
      }),
    );
  };
  const ask = useAskPermission();
  const notify = useNotify();
  const askPermission = () => {
    if (!escalationId) return;
    ask.mutate(
      { escalationId },
      {
        onSuccess: (p) => set({ permission: p.id }),
        onError: (e) => notify(`Request not sent: ${describeError(e)}`, 'error'),
      },
    );
  };

  return (
    <div className="console">
      <div className="console-flow">
        <header className="page-head">
          <h1>Agent console</h1>
          {jobNumber && (
            <button
              type="button"
              className="button ghost small"
              onClick={() => {
                setBooked(null);
                setParams(new URLSearchParams());
              }}
            >
              New call
            </button>
          )}
        </header>
        {!jobNumber && <JobSearch onOpen={(j) => set({ job: j.number })} />}
        {!jobNumber && <OpenEscalations onResume={resume} />}
        {jobNumber && !escalationId && <OpenEscalations jobNumber={jobNumber} onResume={resume} />}
        {jobNumber && !escalationId && (
          <EscalationForm
            jobNumber={jobNumber}
            onOpened={(e) => set({ escalation: e.id })}
            onResume={(id) => set({ escalation: id })}
          />
        )}
        {escalation.data && (
          <section className="card" aria-label="Escalation">
            <EscalationSummary escalation={escalation.data} reasonLabels={reasonLabels} />
          </section>
        )}
        {escalationId && !permissionId && !booked && (
          <TransferPanel
            escalationId={escalationId}
            transferId={transferId}
            onTransferred={(t) => set({ transfer: t.id })}
            onLeaveAndAsk={askPermission}
            isAsking={ask.isPending}
          />
        )}
        {permissionId && !booked && (
          <PermissionStatus
            permissionId={permissionId}
            onTransferAgain={() => set({ permission: undefined, transfer: undefined })}
            onFinishCall={() => setParams(new URLSearchParams())}
          />
        )}
        {permission.data?.status === 'approved' && escalation.data && job.data && !booked && (
          <BookingWidget
            site={escalation.data.siteSlug}
            siteZone={zone}
            escalationId={escalation.data.id}
            customerZone={job.data.customer.timeZone}
            onBooked={(b) => {
              setBooked(b);
              notify('Callback booked; the confirmation email is on its way.', 'success');
            }}
          />
        )}
        {booked && <Confirmation booked={booked} />}
      </div>
      {jobNumber && (
        <aside className="console-research card" aria-label="Job research">
          <JobResearch number={jobNumber} zone={zone} compact />
        </aside>
      )}
    </div>
  );
}
