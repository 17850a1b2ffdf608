import type { Config } from '../config.ts';
import type { Store } from '../storage/store.ts';
import { AuthService } from './auth.ts';
import type { Clock } from './clock.ts';

/** Everything a route may call. Built once per process; holds no per-request state. */
export interface Services {
  readonly store: Store;
  readonly config: Config;
  readonly clock: Clock;
  readonly auth: AuthService;
}

export function createServices(store: Store, config: Config, clock: Clock): Services {
  return { store, config, clock, auth: new AuthService(store, config, clock) };
}
