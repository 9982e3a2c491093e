import type { ColumnType, Generated } from 'kysely';

/** The outcomes a Tier 2 record is completed with (admin-managed, deactivated rather than deleted). */
export interface Tier2ResolutionTypesTable {
  id: Generated<string>;
  code: string;
  label: string;
  is_active: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface CatalogTables {
  tier2_resolution_types: Tier2ResolutionTypesTable;
}
