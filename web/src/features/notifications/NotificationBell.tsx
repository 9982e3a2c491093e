import { NavLink } from 'react-router';
import { useUnreadCount } from './api';

/** The shell's bell: how many kept alerts are unread, opening the notification centre. */
export function NotificationBell() {
  const unread = useUnreadCount().data ?? 0;
  const label = unread === 1 ? '1 unread notification' : `${unread} unread notifications`;
  return (
    <NavLink to="/notifications" className="bell" aria-label={`Notifications: ${label}`}>
      <span aria-hidden="true">🔔</span>
      {unread > 0 && (
        <span className="bell-count" aria-hidden="true">
          {unread > 99 ? '99+' : unread}
        </span>
      )}
    </NavLink>
  );
}
