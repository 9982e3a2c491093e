import { type FormEvent, useId, useState } from 'react';
import { QueryState } from '../../shared/components/states';
import { useNotify } from '../../shared/components/toast';
import { type Site, type SiteChange, useSaveSite, useSites } from './api';
import { type FieldErrors, fieldErrorsOf } from './form-errors';

/** Each site's settings: name, zone and the desk's numbers, each with its unit and limits. */
export function SiteSettings() {
  const sites = useSites();
  return (
    <section className="card" aria-labelledby="admin-sites">
      <h2 id="admin-sites">Site settings</h2>
      <QueryState query={sites} label="Loading sites…">
        {(rows) => (
          <div className="grid-2">
            {rows.map((site) => (
              <SiteForm key={site.slug} site={site} />
            ))}
          </div>
        )}
      </QueryState>
    </section>
  );
}

type NumberSetting = {
  name:
    | 'transferThresholdSeconds'
    | 'windowMinutes'
    | 'bookingHorizonDays'
    | 'minNoticeMinutes'
    | 'callbacksPerMember';
  label: string;
  help: string;
  min: number;
  max: number;
  step?: number;
};

// The limits match the server's schema (src/modules/admin/schemas.ts `siteSettings`).
const numberSettings: NumberSetting[] = [
  {
    name: 'transferThresholdSeconds',
    label: 'Transfer threshold (seconds)',
    help: 'How long a transfer waits in the desk queue before the agent may offer a callback. 10 to 3600; default 180.',
    min: 10,
    max: 3600,
  },
  {
    name: 'windowMinutes',
    label: 'Callback window (minutes)',
    help: 'Length of each bookable callback window. 5 to 240, in steps of 5; default 30.',
    min: 5,
    max: 240,
    step: 5,
  },
  {
    name: 'bookingHorizonDays',
    label: 'Booking horizon (days)',
    help: 'How far ahead customers may book. 1 to 365; default 30.',
    min: 1,
    max: 365,
  },
  {
    name: 'minNoticeMinutes',
    label: 'Minimum notice (minutes)',
    help: 'The earliest a window may start after booking. 0 to 10080 (one week).',
    min: 0,
    max: 10080,
  },
  {
    name: 'callbacksPerMember',
    label: 'Callbacks per member per window',
    help: 'How many callbacks each scheduled desk member takes in one window. 1 to 100.',
    min: 1,
    max: 100,
  },
];

const timeZones: string[] = (() => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
})();

/** The message for a number outside its limits, in words; null when it is fine. */
function checkNumber(setting: NumberSetting, text: string): string | null {
  const value = Number(text);
  if (text.trim() === '' || !Number.isInteger(value))
    return `Enter a whole number from ${setting.min} to ${setting.max}.`;
  if (value < setting.min || value > setting.max) return `Must be from ${setting.min} to ${setting.max}.`;
  if (setting.step && value % setting.step !== 0) return `Must be a multiple of ${setting.step}.`;
  return null;
}

function SiteForm({ site }: { site: Site }) {
  const save = useSaveSite();
  const notify = useNotify();
  const id = useId();
  const [name, setName] = useState(site.name);
  const [timeZone, setTimeZone] = useState(site.timeZone);
  const [numbers, setNumbers] = useState<Record<NumberSetting['name'], string>>(() => ({
    transferThresholdSeconds: String(site.transferThresholdSeconds),
    windowMinutes: String(site.windowMinutes),
    bookingHorizonDays: String(site.bookingHorizonDays),
    minNoticeMinutes: String(site.minNoticeMinutes),
    callbacksPerMember: String(site.callbacksPerMember),
  }));
  const [errors, setErrors] = useState<FieldErrors>({});

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found: FieldErrors = {};
    if (!name.trim()) found.name = 'Enter a name.';
    for (const setting of numberSettings) {
      const problem = checkNumber(setting, numbers[setting.name]);
      if (problem) found[setting.name] = problem;
    }
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const change: SiteChange = {
      name: name.trim(),
      timeZone,
      transferThresholdSeconds: Number(numbers.transferThresholdSeconds),
      windowMinutes: Number(numbers.windowMinutes),
      bookingHorizonDays: Number(numbers.bookingHorizonDays),
      minNoticeMinutes: Number(numbers.minNoticeMinutes),
      callbacksPerMember: Number(numbers.callbacksPerMember),
    };
    save.mutate(
      { slug: site.slug, change },
      {
        onSuccess: () => notify(`${name.trim()}: saved.`, 'success'),
        onError: (error) => setErrors(fieldErrorsOf(error)),
      },
    );
  };

  const described = (field: string) => `${id}-${field}-help${errors[field] ? ` ${id}-${field}-error` : ''}`;
  const errorLine = (field: string) =>
    errors[field] ? (
      <span id={`${id}-${field}-error`} className="field-error">
        {errors[field]}
      </span>
    ) : null;

  return (
    <form className="stack site-form" onSubmit={submit} aria-label={`Settings of ${site.name}`} noValidate>
      <h3>
        {site.name} <span className="muted small">{site.timeZone}</span>
      </h3>
      {errors[''] && (
        <p className="form-error" role="alert">
          Not saved: {errors['']}
        </p>
      )}
      <div className="field">
        <label htmlFor={`${id}-name`}>Name</label>
        <input
          id={`${id}-name`}
          value={name}
          maxLength={200}
          aria-invalid={Boolean(errors.name)}
          aria-describedby={described('name')}
          onChange={(e) => setName(e.target.value)}
        />
        <span id={`${id}-name-help`} className="field-help">
          Shown to staff and on customer pages.
        </span>
        {errorLine('name')}
      </div>
      <div className="field">
        <label htmlFor={`${id}-timeZone`}>Time zone</label>
        <select
          id={`${id}-timeZone`}
          value={timeZone}
          aria-invalid={Boolean(errors.timeZone)}
          aria-describedby={described('timeZone')}
          onChange={(e) => setTimeZone(e.target.value)}
        >
          {(timeZones.includes(site.timeZone) ? timeZones : [site.timeZone, ...timeZones]).map((zone) => (
            <option key={zone} value={zone}>
              {zone}
            </option>
          ))}
        </select>
        <span id={`${id}-timeZone-help`} className="field-help">
          Desk hours, holidays and windows are in this zone.
        </span>
        {errorLine('timeZone')}
      </div>
      {numberSettings.map((setting) => (
        <div className="field" key={setting.name}>
          <label htmlFor={`${id}-${setting.name}`}>{setting.label}</label>
          <input
            id={`${id}-${setting.name}`}
            type="number"
            inputMode="numeric"
            min={setting.min}
            max={setting.max}
            step={setting.step ?? 1}
            value={numbers[setting.name]}
            aria-invalid={Boolean(errors[setting.name])}
            aria-describedby={described(setting.name)}
            onChange={(e) => setNumbers((all) => ({ ...all, [setting.name]: e.target.value }))}
          />
          <span id={`${id}-${setting.name}-help`} className="field-help">
            {setting.help}
          </span>
          {errorLine(setting.name)}
        </div>
      ))}
      <p className="small muted">Quiet hours apply to every site: see Callback guidelines.</p>
      {site.calendarFeedUrl && (
        <p className="small">
          Calendar feed: <code>{site.calendarFeedUrl}</code>
        </p>
      )}
      <div className="actions">
        <button type="submit" className="button primary small" disabled={save.isPending}>
          Save {site.name}
        </button>
      </div>
    </form>
  );
}
