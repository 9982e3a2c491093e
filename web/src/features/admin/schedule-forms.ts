import { zoneName } from '../../shared/time';
import type { Site } from './api';

// What the schedule forms share: the days by number, the clock checks and the labels people read.

export const weekdays = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** A desk member who can be scheduled. */
export type Member = { id: string; name: string };

const clockPattern = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Start and end as the server wants them (HH:MM, end after start), or the message in words. */
export function checkHours(start: string, end: string, found: Record<string, string>) {
  if (!clockPattern.test(start)) found.start = 'Enter a start time.';
  if (!clockPattern.test(end)) found.end = 'Enter an end time.';
  else if (clockPattern.test(start) && end <= start) found.end = 'The end must be after the start.';
}

/** Labels people read, by the body's property name; the hours are in the site's zone, named in words. */
export function labelsAt(site: Site): Record<string, string> {
  const zone = zoneName(site.timeZone);
  return {
    userId: 'Member',
    weekday: 'Day',
    start: `From (${zone})`,
    end: `To (${zone})`,
    date: 'Date (at the site)',
    kind: 'What',
    note: 'Note',
  };
}
