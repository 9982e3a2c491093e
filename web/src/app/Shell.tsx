import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect, useState } from 'react';
import { NavLink } from 'react-router';
import { NotificationBell } from '../features/notifications/NotificationBell';
import { OutageBanner } from '../features/outages/OutageBanner';
import { CallbackAlerts } from '../features/tasks/CallbackAlerts';
import { type Me, useSignOut } from '../features/session/api';
import { PresenceSwitch } from '../features/session/PresenceSwitch';
import { connectLive, type LiveStatus } from '../shared/live';
import { canReadReports, canUseConsole, isAdmin, isDeskMember, roleLabels } from './roles';

const liveLabels: Record<LiveStatus, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
};

/** The frame of every screen: who is signed in, where, their presence, and the role's sections. */
export function Shell({ me, children }: { me: Me; children: ReactNode }) {
  const client = useQueryClient();
  const signOut = useSignOut();
  const [live, setLive] = useState<LiveStatus>('connecting');
  useEffect(() => connectLive(client, setLive), [client]);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">
          <span className="logo" aria-hidden="true" /> Escalation Desk
        </span>
        <nav aria-label="Sections" className="sections">
          {canUseConsole(me.role) && <NavLink to="/console">Console</NavLink>}
          {isDeskMember(me.role) && <NavLink to="/desk">Leadership Desk</NavLink>}
          <NavLink to="/tasks">Tasks</NavLink>
          {canReadReports(me.role) && <NavLink to="/reports">Reports</NavLink>}
          {isAdmin(me.role) && <NavLink to="/admin">Admin</NavLink>}
        </nav>
        <div className="who">
          <span
            className={`live live-${live}`}
            role="status"
            aria-label={`Live updates: ${liveLabels[live]}`}
          >
            <span className="dot" aria-hidden="true" /> {liveLabels[live]}
          </span>
          <NotificationBell />
          {isDeskMember(me.role) && <PresenceSwitch presence={me.presence} />}
          <span className="identity">
            <strong>{me.name}</strong>
            <span className="muted">
              {roleLabels[me.role] ?? me.role}
              {me.siteName ? ` · ${me.siteName}` : ''}
              {me.teamName ? ` · ${me.teamName}` : ''}
            </span>
          </span>
          <button type="button" className="button ghost small" onClick={() => signOut.mutate()}>
            Sign out
          </button>
        </div>
      </header>
      <OutageBanner />
      <CallbackAlerts />
      <main id="main" className="content" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
