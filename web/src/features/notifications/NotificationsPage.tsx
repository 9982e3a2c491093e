import { Link } from 'react-router';
import { Empty, ErrorState, Loading } from '../../shared/components/states';
import { Time } from '../../shared/components/time';
import { type Notification, useNotifications, useReadAllNotifications, useReadNotification } from './api';

/**
 * The notification centre: alerts kept until read (a broken promise, one at risk, a reschedule email
 * sent), unread first. Opening the task marks its alert read.
 */
export function NotificationsPage({ zone }: { zone: string }) {
  const notifications = useNotifications();
  const readAll = useReadAllNotifications();
  const items = notifications.data?.pages.flatMap((p) => p.items) ?? [];
  const unread = notifications.data?.pages[0]?.unread ?? 0;
  return (
    <div className="stack">
      <header className="page-head">
        <h1>Notifications</h1>
        <p className="muted" aria-live="polite">
          {unread === 1 ? '1 unread' : `${unread} unread`}
        </p>
        <button
          type="button"
          className="button small"
          disabled={unread === 0 || readAll.isPending}
          onClick={() => readAll.mutate()}
        >
          Mark all read
        </button>
      </header>
      {notifications.isPending ? (
        <Loading label="Loading notifications…" />
      ) : notifications.error ? (
        <ErrorState error={notifications.error} onRetry={() => notifications.refetch()} />
      ) : items.length === 0 ? (
        <Empty>Nothing to read: alerts about promises appear here and stay until you read them.</Empty>
      ) : (
        <ul className="notifications card" aria-label="Notifications, unread first">
          {items.map((n) => (
            <NotificationItem key={n.id} notification={n} zone={zone} />
          ))}
        </ul>
      )}
      {notifications.hasNextPage && (
        <button
          type="button"
          className="button"
          onClick={() => notifications.fetchNextPage()}
          disabled={notifications.isFetchingNextPage}
        >
          Load more
        </button>
      )}
    </div>
  );
}

function NotificationItem({ notification: n, zone }: { notification: Notification; zone: string }) {
  const read = useReadNotification();
  const isUnread = !n.readAt;
  const markRead = () => {
    if (isUnread) read.mutate(n.id);
  };
  return (
    <li className={isUnread ? 'notification unread' : 'notification'}>
      <div>
        <strong>{n.title}</strong> <span className="badge">{isUnread ? 'Unread' : 'Read'}</span>
        <div>{n.body}</div>
        <div className="muted small">
          <Time value={String(n.createdAt)} zone={zone} />
        </div>
      </div>
      <div className="notification-actions">
        {n.taskId && (
          <Link to={`/tasks?task=${n.taskId}`} className="button small" onClick={markRead}>
            Open task<span className="sr-only">: {n.title}</span>
          </Link>
        )}
        {isUnread && (
          <button type="button" className="button small ghost" onClick={markRead} disabled={read.isPending}>
            Mark read<span className="sr-only">: {n.title}</span>
          </button>
        )}
      </div>
    </li>
  );
}
