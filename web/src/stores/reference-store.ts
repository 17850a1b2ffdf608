import {
  applicableTactics,
  type OutsourcingParty,
  type ReferenceItem,
  type ReferenceKind,
  type Risk,
  type RiskCategory,
  type Scope,
  type Tactic,
} from '../../../shared/index.ts';
import { listDocs } from '../db/docs.ts';
import { liveRead } from '../db/live.ts';
import type { StoreContext } from './context.ts';
import type { Readable } from './readable.ts';

export interface ReferenceStore {
  /** The active entries of a scope list (products, segments or regions), in display order. */
  list(kind: ReferenceKind): Readable<ReferenceItem[]>;
  /** Active outsourcing parties, by name. */
  readonly outsourcingParties: Readable<OutsourcingParty[]>;
  /** The risk register as this user may see it, by title. */
  readonly risks: Readable<Risk[]>;
  /** The tactics that apply to an incident of this category in this scope, most specific first. */
  tacticsFor(category: RiskCategory, scope: Scope): Readable<Tactic[]>;
}

export function createReferenceStore({ db }: StoreContext): ReferenceStore {
  return {
    list: (kind) =>
      liveRead(async () =>
        (await listDocs(db, 'reference'))
          .filter((r) => r.kind === kind && r.active)
          .sort((a, b) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code)),
      ),
    outsourcingParties: liveRead(async () =>
      (await listDocs(db, 'outsourcing_party'))
        .filter((p) => p.active)
        .sort((a, b) => a.name.localeCompare(b.name)),
    ),
    risks: liveRead(async () =>
      (await listDocs(db, 'risk')).sort((a, b) => a.title.localeCompare(b.title)),
    ),
    tacticsFor: (category, scope) =>
      liveRead(async () => {
        // Sorted by title first so that equally specific tactics come in a stable order.
        const tactics = (await listDocs(db, 'tactic')).sort((a, b) =>
          a.title.localeCompare(b.title),
        );
        return applicableTactics(tactics, category, scope);
      }),
  };
}
