import { Dexie, type EntityTable, type Table } from 'dexie';
import type { DocRow, DraftRow, LocalRecordRow, MetaRow, OutboxRow } from './rows.ts';

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
  }
}
