import type { Role } from '../../db/schema.ts';

// The mailbox holds every customer email of every site in full (docs/walls.md): admins only.

/** Who may read the outgoing mailbox. */
export const mailboxReaderRoles: readonly Role[] = ['admin'];
