import type { LiveRead } from '../db/live.ts';

/**
 * A live read for the UI: `subscribe` delivers the value now (asynchronously) and again whenever
 * the data behind it changes, in this tab or another; `read` gets it once.
 */
export type Readable<T> = LiveRead<T>;
