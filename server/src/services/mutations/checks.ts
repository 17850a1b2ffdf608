import type { Scope } from '../../../../shared/index.ts';
import type { Batch } from '../sync/batch.ts';
import { reject } from '../sync/rejection.ts';

/** Every scope code must name an active entry of its list, and the user must work in the region. */
export async function checkScope(batch: Batch, scope: Scope, field = 'args.scope'): Promise<void> {
  for (const dim of ['product', 'segment', 'region'] as const) {
    if (!(await batch.referenceCodes(dim)).has(scope[dim])) {
      throw reject.validation(`${field}.${dim}`, `Unknown ${dim} "${scope[dim]}"`);
    }
  }
  await checkRegion(batch, scope.region, `${field}.region`);
}

export async function checkRegion(batch: Batch, region: string, field: string): Promise<void> {
  if (!(await batch.referenceCodes('region')).has(region)) {
    throw reject.validation(field, `Unknown region "${region}"`);
  }
  const regions = batch.user.regions;
  if (regions.length > 0 && !regions.includes(region)) {
    throw reject.forbidden(field, `You do not work in region "${region}"`);
  }
}

/** A record id is made once, on the device; a second record under it is refused. */
export async function checkNew(batch: Batch, kind: string, id: string): Promise<void> {
  if (await batch.getDoc(kind, id))
    throw reject.conflict('args.id', `This ${kind.replace('_', ' ')} is already recorded`);
}

/** Outsourcers record only for their own organisation (product.md §2). */
export function checkOrganisation(batch: Batch, partyId: string | null, field: string): void {
  const { role, orgId } = batch.user;
  if (role === 'outsourcer' && partyId !== null && partyId !== orgId) {
    throw reject.forbidden(field, 'You may record only for your own organisation');
  }
}
