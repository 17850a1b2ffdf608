import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
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

export function createServices(
  store: Store,
  config: Config,
  clock: Clock,
  options: { readonly logger?: Logger } = {},
): Services {
  const feed = createFeedNotifier(store, {
    // A failed read is tried again within a second; say so, since held watches wait meanwhile.
    onError: (err) => options.logger?.warn('watch wake failed', { error: String(err) }),
  });
  const signalling = withCommitSignal(store, () => feed.poke());
  return {
    store: signalling,
    config,
    clock,
    auth: new AuthService(signalling, config, clock),
    feed,
  };
}
