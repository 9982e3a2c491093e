import type { Db } from '../../db/client.ts';
import type { DemoIds } from '../../seed/seed-demo.ts';

/** Every desk member of the demo sites works weekdays 08:00–17:00, site time. */
export async function seedDemoSchedules(tx: Db, ids: DemoIds) {
  const members = await tx
    .selectFrom('users')
    .select(['id', 'site_id'])
    .where('role', 'in', ['supervisor', 'lead', 'sme'])
    .where('site_id', 'is not', null)
    .execute();
  const rows = members.flatMap((member) =>
    [1, 2, 3, 4, 5].map((weekday) => ({
      site_id: member.site_id!,
      user_id: member.id,
      weekday,
      start_minute: 8 * 60,
      end_minute: 17 * 60,
    })),
  );
  if (rows.length && ids.sites.size) await tx.insertInto('member_schedules').values(rows).execute();
}
