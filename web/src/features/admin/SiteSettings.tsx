import { type FormEvent, useState } from 'react';
import { QueryState } from '../../shared/components/states';
import {
  FormField,
  FormMessage,
  fieldErrorsFound,
  fieldErrorsOf,
  RequiredLegend,
  useFieldErrors,
} from '../../shared/field-errors';
import { useNotify } from '../../shared/components/toast';
import { zoneName } from '../../shared/time';
import { type Site, type SiteChange, useSaveSite, useSites } from './api';

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

/** Labels people read, by the body's property name (errors from the server are worded with them). */
const labels: Record<string, string> = {
  name: 'Name',
  timeZone: 'Time zone',
  ...Object.fromEntries(numberSettings.map((setting) => [setting.name, setting.label])),
};

function SiteForm({ site }: { site: Site }) {
  const save = useSaveSite();
  const notify = useNotify();
  const fieldErrors = useFieldErrors(`site-${site.slug}`);
  const { errors } = fieldErrors;
  const [name, setName] = useState(site.name);
  const [timeZone, setTimeZone] = useState(site.timeZone);
  const [numbers, setNumbers] = useState<Record<NumberSetting['name'], string>>(() => ({
    transferThresholdSeconds: String(site.transferThresholdSeconds),
    windowMinutes: String(site.windowMinutes),
    bookingHorizonDays: String(site.bookingHorizonDays),
    minNoticeMinutes: String(site.minNoticeMinutes),
    callbacksPerMember: String(site.callbacksPerMember),
  }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (!name.trim()) found.name = 'Name is required.';
    for (const setting of numberSettings) {
      const problem = checkNumber(setting, numbers[setting.name]);
      if (problem) found[setting.name] = problem;
    }
    const checked = fieldErrorsFound(found);
    if (checked.form) return fieldErrors.show(checked);
    fieldErrors.clear();
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
        onError: (error) => fieldErrors.show(fieldErrorsOf(error, { labels })),
      },
    );
  };

  return (
    <form className="stack site-form" onSubmit={submit} aria-label={`Settings of ${site.name}`} noValidate>
      <h3>
        {site.name} <span className="muted small">{zoneName(site.timeZone)}</span>
      </h3>
      <RequiredLegend />
      <FormMessage errors={errors} />
      <FormField
        id={fieldErrors.idOf('name')}
        label={labels.name!}
        isRequired
        hint="Shown to staff and on customer pages."
        error={errors.fields.name}
      >
        {(control) => (
          <input {...control} value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
        )}
      </FormField>
      <FormField
        id={fieldErrors.idOf('timeZone')}
        label={labels.timeZone!}
        isRequired
        hint="Desk hours, holidays and windows are in this zone."
        error={errors.fields.timeZone}
      >
        {(control) => (
          <select {...control} value={timeZone} onChange={(e) => setTimeZone(e.target.value)}>
            {(timeZones.includes(site.timeZone) ? timeZones : [site.timeZone, ...timeZones]).map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </select>
        )}
      </FormField>
      {numberSettings.map((setting) => (
        <FormField
          key={setting.name}
          id={fieldErrors.idOf(setting.name)}
          label={setting.label}
          isRequired
          hint={setting.help}
          error={errors.fields[setting.name]}
        >
          {(control) => (
            <input
              {...control}
              type="number"
              inputMode="numeric"
              min={setting.min}
              max={setting.max}
              step={setting.step ?? 1}
              value={numbers[setting.name]}
              onChange={(e) => setNumbers((all) => ({ ...all, [setting.name]: e.target.value }))}
            />
          )}
        </FormField>
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
