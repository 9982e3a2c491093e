import type { Db } from '../../db/client.ts';
import { type CallbackGuidelines, guidelinesFrom } from './callback-guidelines.ts';

/** The `settings` row the guidelines are stored in (only this file reads or writes it). */
const settingsKey = 'callback.guidelines';

export async function selectGuidelines(db: Db): Promise<CallbackGuidelines> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', settingsKey)
    .executeTakeFirst();
  return guidelinesFrom(row?.value);
}

export async function upsertGuidelines(db: Db, guidelines: CallbackGuidelines, now: Date): Promise<void> {
  const value = JSON.stringify(guidelines);
  await db
    .insertInto('settings')
    .values({ key: settingsKey, value, updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now }))
    .execute();
}
