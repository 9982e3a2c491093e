import type { Role } from '../../db/schema.ts';
import { overseerRoles } from '../../db/walls.ts';

// Reports count every site's and team's work, so only those who reach every record read them
// (docs/walls.md); anyone else gets 403 for the whole route, and never a narrowed report.

/** Who may read reports and their CSV exports: the Leadership Desk and admins. */
export const reportReaderRoles: readonly Role[] = overseerRoles;
