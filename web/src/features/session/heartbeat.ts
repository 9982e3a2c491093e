import { useEffect } from 'react';
import { api } from '../../api/client';

/** How often an open tab says so: well within the server's timeout (90 s by default). */
const everyMs = 30_000;

/**
 * While this tab is open, tell the server every 30 s. Presence and a waiting transfer live on the
 * server; without these the server takes the person as gone (desk members go offline, an agent's
 * waiting transfer leaves the queue) after its timeout. A missed beat is not an error to show:
 * the next one, or the live connection's recovery, covers it.
 */
export function useHeartbeat(enabled = true) {
  useEffect(() => {
    if (!enabled) return;
    const beat = () => void api.PUT('/api/me/heartbeat').catch(() => undefined);
    beat();
    const timer = setInterval(beat, everyMs);
    return () => clearInterval(timer);
  }, [enabled]);
}
