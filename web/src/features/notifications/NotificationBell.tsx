import { NavLink } from 'react-router';
import { useUnreadCount } from './api';

/** The shell's bell: how many kept alerts are unread, opening the notification centre. */
export function NotificationBell() {
  const unread = useUnreadCount().data ?? 0;
  const label = unread === 1 ? '1 unread notification' : `${unread} unread notifications`;
  return (
    <NavLink to="/notifications" className="bell" aria-label={`Notifications: ${label}`}>
      {/* Drawn, not an emoji: machines without an emoji font showed an empty box. */}
      <svg
        aria-hidden="true"
        width="18"
        height="18"
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
      >
        <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
      {unread > 0 && (
        <span className="bell-count" aria-hidden="true">
          {unread > 99 ? '99+' : unread}
        </span>
      )}
    </NavLink>
  );
}
