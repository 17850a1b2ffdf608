import { Dexie, type EntityTable, type Table } from 'dexie';
import type { DocRow, DraftRow, LocalRecordRow, MetaRow, OutboxRow, PhotoRow } from './rows.ts';
import {
  refreshUsage,
  USAGE_DAY_INDEX,
  type UsageDayKey,
  type UsageDayRow,
  type UsageRow,
  type UsageTables,
} from './usage.ts';

export const DEFAULT_DB_NAME = 'frontline-playbook';

/**
 * The device's database. This class owns every schema version.
 *
 * A version that has shipped is never edited: devices in the field have already upgraded through
 * it. Change the schema by adding `this.version(n + 1).stores(…)` (with an `.upgrade()` when data
 * must move), never by touching an earlier block.
 */
export class FrontlineDb extends Dexie {
  /** Everything pulled from the server, keyed by [kind+id]. */
  declare readonly docs: Table<DocRow, [string, string]>;
  /** Records made on this device, with their sync state, until the server's copy arrives. */
  declare readonly local: EntityTable<LocalRecordRow, 'id'>;
  /** Mutations to push, in `seq` order. */
  declare readonly outbox: EntityTable<OutboxRow, 'seq'>;
  declare readonly meta: EntityTable<MetaRow, 'key'>;
  /** Half-filled forms, saved as the user types, so an app update never loses one. */
  declare readonly drafts: EntityTable<DraftRow, 'form'>;
  /** Recoveries that count toward period limits, derived from docs and local (usage.ts). */
  declare readonly usage: Table<UsageRow, [string, string]>;
  /** Period use per user, Hong Kong day, currency, compensation type and scope (usage.ts). */
  declare readonly usageDays: Table<UsageDayRow, UsageDayKey>;
  /** Photos of incidents, stored the moment they are taken, uploaded before the push (SY20). */
  declare readonly photos: EntityTable<PhotoRow, 'id'>;

  constructor(name: string = DEFAULT_DB_NAME) {
    // Dexie 4's query cache let live reads miss some writes in Chromium (a plan acknowledged
    // offline still showed as unread until a reload); correctness beats the saved reads here.
    super(name, { cache: 'disabled' });
    // Version 1 — shipped. Do not edit; add version 2 below it.
    this.version(1).stores({
      docs: '[kind+id], kind',
      local: 'id, userId, name, state',
      outbox: '++seq, &id, state, recordId',
      meta: 'key',
      drafts: 'form',
    });
    // Version 2: the usage index, so a recovery save reads a few day totals instead of every
    // recovery (docs/decisions/0007-usage-index.md); the outbox by state and push order, so the
    // next push batch can be read while the previous one is answered.
    this.version(2)
      .stores({
        outbox: '++seq, &id, state, recordId, [state+seq]',
        usage: `[userId+id], id, [userId+atMs]`,
        usageDays: USAGE_DAY_INDEX,
      })
      .upgrade(async (tx) => {
        const t = {
          docs: tx.table('docs'),
          local: tx.table('local'),
          usage: tx.table('usage'),
          usageDays: tx.table('usageDays'),
        } as UsageTables;
        const docIds = await t.docs.where('kind').equals('recovery').primaryKeys();
        const localIds = await t.local.where('name').equals('recovery.record').primaryKeys();
        await refreshUsage(t, [...docIds.map(([, id]) => id), ...localIds]);
      });
    // Version 3: photos of incidents (docs/sync.md SY20), by upload state and by the record
    // that holds them.
    this.version(3).stores({ photos: 'id, state, recordId' });
  }
}
