import { useNotify } from '../../shared/components/toast';
import { describeError } from '../../api/client';
import { type Presence, useSetPresence } from './api';
import { useHeartbeat } from './heartbeat';

const options: Array<[Presence, string]> = [
  ['available', 'Available'],
  ['busy', 'Busy'],
  ['away', 'Away'],
  ['offline', 'Offline'],
];

/** The desk member's presence: a labelled select, with a dot and the word (never colour alone). */
export function PresenceSwitch({ presence }: { presence: string }) {
  // Presence lasts while the tab does: the server sets a silent member offline.
  useHeartbeat();
  const setPresence = useSetPresence();
  const notify = useNotify();
  return (
    <label className="presence">
      <span className={`dot dot-${presence}`} aria-hidden="true" />
      <span className="sr-only">Presence</span>
      <select
        aria-label="Presence"
        value={presence}
        onChange={(e) =>
          setPresence.mutate(e.target.value as Presence, {
            onError: (error) => notify(`Presence not changed: ${describeError(error)}`, 'error'),
          })
        }
      >
        {options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </label>
  );
}
