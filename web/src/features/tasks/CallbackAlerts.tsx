import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import { useNotify } from '../../shared/components/toast';
import type { LiveEvent } from '../../shared/live';

/** What each contact-promise alert says; the others only refresh the screen. */
const messages: Record<string, { text: (d: Record<string, unknown>) => string; tone: 'info' | 'error' }> = {
  'callback.reminder': { text: (d) => `Review before the callback: ${describe(d)}`, tone: 'info' },
  'callback.due': { text: (d) => `Call now: ${describe(d)}`, tone: 'info' },
  'callback.promise_at_risk': { text: (d) => `Promise at risk: ${describe(d)}`, tone: 'error' },
  'callback.promise_broken': { text: (d) => `Promise broken: ${describe(d)}`, tone: 'error' },
  'callback.reschedule_email_sent': { text: (d) => `Reschedule email sent: ${describe(d)}`, tone: 'info' },
  'callback.expired': { text: (d) => `Closed as unreachable: ${describe(d)}`, tone: 'info' },
};

function describe(data: Record<string, unknown>): string {
  const who = typeof data.customerName === 'string' ? data.customerName : 'customer';
  const title = typeof data.taskTitle === 'string' ? data.taskTitle : 'callback task';
  return `${who} — ${title}`;
}

/**
 * Turns the callback clock's live alerts (reminders to the assignee, at-risk and broken promises to
 * supervisors) into notifications with a link to the task, on whatever screen the user is.
 */
export function CallbackAlerts() {
  const notify = useNotify();
  const navigate = useNavigate();
  useEffect(() => {
    const onEvent = (e: Event) => {
      const event = (e as CustomEvent<LiveEvent>).detail;
      const message = messages[event.type];
      if (!message) return;
      const taskId = event.data.taskId;
      notify(
        message.text(event.data),
        message.tone,
        typeof taskId === 'string'
          ? { label: 'Open task', run: () => navigate(`/tasks/${taskId}`) }
          : undefined,
      );
    };
    window.addEventListener('escalation-desk:event', onEvent);
    return () => window.removeEventListener('escalation-desk:event', onEvent);
  }, [notify, navigate]);
  return null;
}
