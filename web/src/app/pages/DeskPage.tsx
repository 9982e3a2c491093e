import { useState } from 'react';
import { useReasons } from '../../features/escalations/api';
import type { Me } from '../../features/session/api';
import { PromisesAtRisk } from '../../features/tasks/PromisesAtRisk';
import { BriefPanel } from '../../features/transfers/BriefPanel';
import { DeskMembers } from '../../features/transfers/DeskMembers';
import { DeskQueue } from '../../features/transfers/DeskQueue';
import { PermissionInbox } from '../../features/transfers/PermissionInbox';
import type { Transfer } from '../../features/transfers/api';
import { localZone } from '../../shared/time';

/** The Leadership Desk: the live queue and the call in hand; supervisors also get their inbox. */
export function DeskPage({ me }: { me: Me }) {
  const reasons = useReasons();
  const reasonLabels = new Map((reasons.data ?? []).map((r) => [r.code, r.label]));
  const [call, setCall] = useState<Transfer | null>(null);
  const site = me.siteSlug ?? 'east';
  return (
    <div className="desk">
      <header className="page-head">
        <h1>Leadership Desk</h1>
        <p className="muted">
          You take transfers when your presence is <strong>Available</strong>. Set it at the top right.
        </p>
      </header>
      <div className="desk-grid">
        <div className="stack">
          {call && <BriefPanel transferId={call.id} initial={call} onDone={() => setCall(null)} />}
          <DeskQueue
            site={site}
            siteName={me.siteName ?? site}
            reasonLabels={reasonLabels}
            onAnswered={setCall}
          />
        </div>
        <div className="stack">
          {me.role === 'supervisor' && <PermissionInbox />}
          <PromisesAtRisk site={me.siteSlug ?? undefined} zone={me.siteTimeZone ?? localZone()} />
          <DeskMembers site={site} />
        </div>
      </div>
    </div>
  );
}
