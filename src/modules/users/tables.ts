import type { Generated } from 'kysely';
import type { Timestamp } from '../../db/schema.ts';

/** One failed sign-in (migration 0010): the email tried, the client address, and when. */
export interface SignInFailuresTable {
  id: Generated<string>;
  email: string;
  address: string;
  failed_at: Timestamp;
}

export interface UserTables {
  sign_in_failures: SignInFailuresTable;
}
