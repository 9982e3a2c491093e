import { useState } from 'react';
import { useReasons } from '../../features/escalations/api';
import type { Me } from '../../features/session/api';
import { PromisesAtRisk } from '../../features/tasks/PromisesAtRisk';
import { BriefPanel } from '../../features/transfers/BriefPanel';
import { DeskMembers } from '../../features/transfers/DeskMembers';
import { DeskQueue } from '../../features/transfers/DeskQueue';
import { PermissionInbox } from '../../features/transfers/PermissionInbox';
import { useActiveCall } from '../../features/transfers/api';
import { localZone } from '../../shared/time';

/**
 * The Leadership Desk: the live queue and the call in hand; supervisors also get their inbox.
 * The call in hand comes from the server (`/api/me/active-call`), not from this tab, so a reload
 * mid-call brings the brief back; a closed brief reopens from "On calls now".
 */
export function DeskPage({ me }: { me: Me }) {
  const reasons = useReasons();
  const reasonLabels = new Map((reasons.data ?? []).map((r) => [r.code, r.label]));
  const active = useActiveCall();
  // The brief shown: one just answered or reopened, else the call the server says we hold.
  const [opened, setOpened] = useState<string | null>(null);
  const [closed, setClosed] = useState<string | null>(null);
  const held = active.data ?? null;
  const shownId = opened ?? (held && held.id !== closed ? held.id : null);
  const site = me.siteSlug ?? 'east';
  const openCall = (id: string) => {
    setClosed(null);
    setOpened(id);
  };
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
          {shownId && (
            <BriefPanel
              key={shownId}
              transferId={shownId}
              initial={held?.id === shownId ? held : undefined}
              onDone={() => {
                setOpened(null);
                setClosed(shownId);
              }}
            />
          )}
          <DeskQueue
            site={site}
            siteName={me.siteName ?? site}
            meId={me.id}
            reasonLabels={reasonLabels}
            onAnswered={(t) => openCall(t.id)}
            onOpenCall={openCall}
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
