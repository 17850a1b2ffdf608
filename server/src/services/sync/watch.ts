import type { WatchResponse } from '../../../../shared/index.ts';
import type { FeedKey, Store } from '../../storage/store.ts';
import type { Principal } from '../auth.ts';
import type { FeedNotifier } from './feed-notifier.ts';
import { parseCursor } from './pull.ts';
import {
  hasPullableAfter,
  indexKeys,
  ledTeams,
  visibilityFor,
  type KeyIndex,
} from './visibility.ts';

/** One index per wake, built by the first watch that asks and shared by the rest. */
const indexes = new WeakMap<readonly FeedKey[], KeyIndex>();
function indexOf(keys: readonly FeedKey[]): KeyIndex {
  let index = indexes.get(keys);
  if (index === undefined) {
    index = indexKeys(keys);
    indexes.set(keys, index);
  }
  return index;
}

export interface WatchOptions {
  /** How long to hold the request when there is nothing yet. */
  readonly waitMs: number;
  /** The client went away: stop waiting. */
  readonly signal?: AbortSignal;
}

/**
 * Answers `changed: true` as soon as the user's pull from `cursor` would return at least one
 * change, or `changed: false` when `waitMs` pass first, the client goes away or the server shuts
 * down (docs/sync.md SY18). "Would return" is decided by the pull's own query (`Store.pullDocs`)
 * with the pull's visibility and a limit of 1, so visibility (SY11) and PostgreSQL's watermark
 * (SY9) are exactly the pull's: a row another user may not see, or one the watermark still holds
 * back, does not count.
 *
 * Between checks it sleeps until the feed notifier wakes it with a row it may see after its
 * cursor (`mayPull`, the pull's own filter, asked through the wake's shared index). It subscribes
 * once, before the first check, and clears `isWoken` before each check, so a commit that lands
 * while a check runs wakes it again rather than being missed.
 */
export async function watch(
  store: Store,
  notifier: FeedNotifier,
  p: Principal,
  cursor: string,
  options: WatchOptions,
): Promise<WatchResponse> {
  const after = parseCursor(cursor);
  const visibility = visibilityFor(p.user, await ledTeams(store, p.user));
  const hasChanges = async () => (await store.pullDocs(after, visibility, 1)).length > 0;
  if (options.waitMs <= 0 || notifier.isClosed || options.signal?.aborted) {
    return { changed: await hasChanges() };
  }
  const concernsMe = (keys: readonly FeedKey[] | null) =>
    keys === null || hasPullableAfter(indexOf(keys), visibility, after);

  let isWoken = false;
  let isOver = false;
  let release: (() => void) | null = null;
  const end = () => {
    isOver = true;
    release?.();
  };
  const unsubscribe = notifier.subscribe((wake) => {
    if (wake.reason === 'closed') isOver = true;
    else if (!concernsMe(wake.keys)) return;
    isWoken = true;
    release?.();
  });
  const timer = setTimeout(end, options.waitMs);
  options.signal?.addEventListener('abort', end);
  try {
    for (;;) {
      isWoken = false;
      if (await hasChanges()) return { changed: true };
      if (!isWoken && !isOver) {
        await new Promise<void>((resolve) => {
          release = resolve;
        });
        release = null;
      }
      if (isOver) return { changed: false };
    }
  } finally {
    unsubscribe();
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', end);
  }
}
