import { inTransaction } from '../../db/transaction.ts';
import type { Deps } from '../../deps.ts';
import { roles } from '../../http/auth.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { publishEvent } from '../events/publish.ts';
import * as repo from './lists-repo.ts';
import { requireReference } from './references.ts';

// Use cases of the admin pick lists. Each write is one transaction; rows are deactivated, never deleted.

type Db = Deps['db'];
type ListName = 'reasons' | 'exception_comments' | repo.CodedListTable;

/** Everyone's pick lists changed: screens refetch them (the change commits with the event). */
async function announceListChange(db: Db, list: ListName) {
  await publishEvent(db, { type: 'catalog.updated', roles: [...roles.everyone], data: { list } });
}

async function refuseTakenCode(db: Db, table: repo.CodedTable, code: string) {
  if (await repo.isCodeTaken(db, table, code)) {
    throw new AppError('conflict', `the code ${code} is already in use`, { field: 'code' });
  }
}

export async function listAdminReasons(deps: Pick<Deps, 'db'>) {
  return repo.listReasons(deps.db);
}

export async function createReason(
  deps: Pick<Deps, 'db'>,
  input: { code: string; label: string; position?: number },
) {
  return inTransaction(deps.db, async (tx) => {
    await refuseTakenCode(tx, 'escalation_reasons', input.code);
    const id = await repo.insertReason(tx, {
      code: input.code,
      label: input.label,
      position: input.position ?? 0,
    });
    await announceListChange(tx, 'reasons');
    return (await repo.findReason(tx, id))!;
  });
}

export async function updateReason(
  deps: Pick<Deps, 'db'>,
  id: string,
  input: { label?: string; position?: number; isActive?: boolean },
) {
  return deps.db.transaction().execute(async (tx) => {
    const patch = { label: input.label, position: input.position, is_active: input.isActive };
    if (!(await repo.updateReason(tx, id, patch))) throw notFound('reason', id);
    await announceListChange(tx, 'reasons');
    return (await repo.findReason(tx, id))!;
  });
}

export type CodedList = repo.CodedListTable;
const codedNames: Record<CodedList, string> = {
  exception_types: 'exception type',
  resolution_reasons: 'resolution reason',
  tier2_resolution_types: 'Tier 2 resolution type',
};

export async function listAdminCoded(deps: Pick<Deps, 'db'>, table: CodedList) {
  return repo.listCoded(deps.db, table);
}

export async function createCoded(
  deps: Pick<Deps, 'db'>,
  table: CodedList,
  input: { code: string; label: string },
) {
  return inTransaction(deps.db, async (tx) => {
    await refuseTakenCode(tx, table, input.code);
    const id = await repo.insertCoded(tx, table, { code: input.code, label: input.label });
    await announceListChange(tx, table);
    return (await repo.findCoded(tx, table, id))!;
  });
}

export async function updateCoded(
  deps: Pick<Deps, 'db'>,
  table: CodedList,
  id: string,
  input: { label?: string; isActive?: boolean },
) {
  return deps.db.transaction().execute(async (tx) => {
    if (!(await repo.updateCoded(tx, table, id, { label: input.label, is_active: input.isActive }))) {
      throw notFound(codedNames[table], id);
    }
    await announceListChange(tx, table);
    return (await repo.findCoded(tx, table, id))!;
  });
}

export async function listAdminComments(deps: Pick<Deps, 'db'>) {
  return repo.listComments(deps.db);
}

export async function createComment(
  deps: Pick<Deps, 'db'>,
  input: { exceptionTypeId: string; reasonId?: string | null; body: string },
) {
  return inTransaction(deps.db, async (tx) => {
    await requireReference(tx, 'exception_types', input.exceptionTypeId, 'exceptionTypeId');
    if (input.reasonId) await requireReference(tx, 'escalation_reasons', input.reasonId, 'reasonId');
    const id = await repo.insertComment(tx, {
      exception_type_id: input.exceptionTypeId,
      reason_id: input.reasonId ?? null,
      body: input.body,
    });
    await announceListChange(tx, 'exception_comments');
    return (await repo.findComment(tx, id))!;
  });
}

export async function updateComment(
  deps: Pick<Deps, 'db'>,
  id: string,
  input: { reasonId?: string | null; body?: string; isActive?: boolean },
) {
  return deps.db.transaction().execute(async (tx) => {
    if (input.reasonId) await requireReference(tx, 'escalation_reasons', input.reasonId, 'reasonId');
    const patch = { reason_id: input.reasonId, body: input.body, is_active: input.isActive };
    if (!(await repo.updateComment(tx, id, patch))) throw notFound('exception comment', id);
    await announceListChange(tx, 'exception_comments');
    return (await repo.findComment(tx, id))!;
  });
}
