import type { TaskFilters } from '../../api/keys';
import { Time } from '../../shared/components/time';
import { promiseStates, reportFilterNames, sortOrders } from './filters';

/** Activities' promise filter and order, kept in the URL with the other filters. */
export function PromiseFilters({
  filters,
  setFilters,
}: {
  filters: TaskFilters;
  setFilters: (patch: TaskFilters) => void;
}) {
  return (
    <>
      <label className="field">
        <span>Promise</span>
        <select
          value={filters.promise ?? ''}
          onChange={(e) => setFilters({ promise: e.target.value || undefined })}
        >
          <option value="">Any</option>
          <option value="at_risk,broken">At risk or broken</option>
          {promiseStates.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Sort</span>
        <select
          value={filters.sort ?? 'created'}
          onChange={(e) => setFilters({ sort: e.target.value === 'created' ? undefined : e.target.value })}
        >
          {sortOrders.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}

const periodLabels: Record<string, string> = {
  createdFrom: 'created from',
  createdTo: 'created before',
  completedFrom: 'completed from',
  completedTo: 'completed before',
  dueTo: 'due before',
  promiseDueFrom: 'a promise due from',
  promiseDueTo: 'a promise due before',
};

const promiseKindWords: Record<string, string> = {
  first_contact: 'first-contact promise',
  retry: 'retry promise',
  reschedule_email: 'reschedule-email promise',
};
const promiseOutcomeWords: Record<string, string> = {
  kept: 'a promise kept',
  broken: 'a promise broken',
  open: 'a promise not yet decided',
};

/**
 * The filters a report's count opened the list with (team, period, site, which promises), which have
 * no control of their own here: said in words, and cleared in one press.
 */
export function ReportFilterNote({
  filters,
  setFilters,
  zone,
  teamName,
}: {
  filters: TaskFilters;
  setFilters: (patch: TaskFilters) => void;
  zone: string;
  teamName?: string;
}) {
  const present = reportFilterNames.filter((name) => filters[name]);
  if (!present.length) return null;
  return (
    <p className="report-filters" aria-live="polite">
      <span>From a report: </span>
      {present.map((name, i) => (
        // Flex items with a gap between them: the comma ends an item, so it sits against its word.
        <span key={name}>
          {name === 'teamId' ? (
            <>team {teamName ?? 'chosen in the report'}</>
          ) : name === 'site' ? (
            <>site {filters.site}</>
          ) : name === 'promiseKind' ? (
            (promiseKindWords[filters.promiseKind!] ?? filters.promiseKind)
          ) : name === 'promiseOutcome' ? (
            (promiseOutcomeWords[filters.promiseOutcome!] ?? filters.promiseOutcome)
          ) : (
            <>
              {periodLabels[name]} <Time value={filters[name]!} zone={zone} />
            </>
          )}
          {i < present.length - 1 && ','}
        </span>
      ))}{' '}
      <button
        type="button"
        className="button small ghost"
        onClick={() => setFilters(Object.fromEntries(present.map((name) => [name, undefined])))}
      >
        Clear report filters
      </button>
    </p>
  );
}
