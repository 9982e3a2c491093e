import type { Generated } from 'kysely';
import type { Role, Timestamp } from '../../db/schema.ts';

/** Maps a value of the identity provider's role claim to a role, site and team; first match wins. */
export interface SsoRulesTable {
  id: Generated<string>;
  position: Generated<number>;
  claim_value: string;
  role: Role;
  site_id: string | null;
  team_id: string | null;
  created_at: Timestamp;
}

/** A user as the identity provider knows them. */
export interface SsoIdentitiesTable {
  issuer: string;
  subject: string;
  user_id: string;
  created_at: Timestamp;
}

export interface SsoTables {
  sso_rules: SsoRulesTable;
  sso_identities: SsoIdentitiesTable;
}
