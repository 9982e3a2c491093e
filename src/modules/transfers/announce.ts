import type { Db } from '../../db/client.ts';
import { publishEvent } from '../events/publish.ts';
import type { EventType } from '../events/types.ts';
import type { TransferRow } from './repo.ts';

export const thresholdTimerKind = 'transfer.threshold';
export const thresholdTimerKey = (transferId: string) => `transfer.threshold:${transferId}`;

/**
 * Tells the transfer's agent, its answerer and the site's desk (supervisors, leads, SMEs) about a
 * step; the web app refreshes the queue and the transfer from it.
 */
export async function announceTransfer(
  tx: Db,
  type: EventType,
  transfer: TransferRow,
  data: Record<string, unknown> = {},
) {
  const userIds = [transfer.agent_id, ...(transfer.answered_by ? [transfer.answered_by] : [])];
  await publishEvent(tx, {
    type,
    userIds,
    siteId: transfer.site_id,
    roles: ['supervisor', 'lead', 'sme'],
    data: { transferId: transfer.id, escalationId: transfer.escalation_id, status: transfer.status, ...data },
  });
}
