import type { Config } from '../config.ts';
import type { Store } from '../storage/store.ts';
import { AuthService } from './auth.ts';
import type { Clock } from './clock.ts';
import { withCommitSignal } from './sync/commit-signal.ts';
import { createFeedNotifier, type FeedNotifier } from './sync/feed-notifier.ts';

/** Everything a route may call. Built once per process; holds no per-request state. */
export interface Services {
  /** The store; a commit that wrote documents wakes the watches held in this process. */
  readonly store: Store;
  readonly config: Config;
  readonly clock: Clock;
  readonly auth: AuthService;
  /** Wakes held `GET /api/sync/watch` requests (docs/sync.md SY18); close it on shutdown. */
  readonly feed: FeedNotifier;
}

export function createServices(store: Store, config: Config, clock: Clock): Services {
  const feed = createFeedNotifier(store);
  const signalling = withCommitSignal(store, () => feed.poke());
  return {
    store: signalling,
    config,
    clock,
    auth: new AuthService(signalling, config, clock),
    feed,
  };
}
