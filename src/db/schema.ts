import type { CatalogTables } from '../modules/catalog/tables.ts';
import type { IntegrationTables } from '../modules/integrations/tables.ts';
import type { ExecutiveTables } from '../modules/executive/tables.ts';
import type { PromiseTables } from '../modules/promises/tables.ts';
import type { TransferTables } from '../modules/transfers/tables.ts';
import type { BookedAppointmentsTable, BookingTables } from '../modules/booking/tables.ts';
import type { ScheduleTables } from '../modules/schedules/tables.ts';
import type { UserTables } from '../modules/users/tables.ts';
import type { SsoTables } from '../modules/sso/tables.ts';
import type { NotificationTables } from '../modules/notifications/tables.ts';
import type { WebhookTables } from '../modules/webhooks/tables.ts';
import type { FoundationTables } from './foundation-tables.ts';

// Row types for Kysely: the foundation's tables, and each feature's from its own module
// (`src/modules/<feature>/tables.ts`), joined into `Database` here.
export type * from './foundation-tables.ts';

// Feature tables join here: `export interface Database extends FoundationTables, TransferTables {}`.
export interface Database
  extends FoundationTables,
    TransferTables,
    PromiseTables,
    ExecutiveTables,
    ScheduleTables,
    BookingTables,
    UserTables,
    IntegrationTables,
    WebhookTables,
    SsoTables,
    CatalogTables,
    NotificationTables {
  appointments: BookedAppointmentsTable;
}
