import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  hasPullableAfter,
  indexKeys,
  isAfter,
  mayPull,
} from '../../server/src/services/sync/visibility.ts';
import {
  PRIVATE_AUDIENCE,
  type FeedKey,
  type FeedPosition,
  type Visibility,
} from '../../server/src/storage/store.ts';

// A wake's keys are indexed once and asked by every held watch (docs/sync.md SY18); the index
// must answer exactly what a pass over the keys with the pull's own filter answers.

const owners = ['u-1', 'u-2', 'u-3'];
const teams = ['t-1', 't-2', 't-3'];
const audiences = [
  'all',
  'staff',
  'management',
  'role:frontline',
  'org:o-1',
  'record',
  PRIVATE_AUDIENCE,
];

const position = fc.record({
  txid: fc.integer({ min: 0, max: 3 }),
  seq: fc.integer({ min: 0, max: 40 }),
});

/** Keys in feed order, as `Store.feedKeys` returns them. */
const keys = fc
  .array(
    fc.record({
      txid: fc.integer({ min: 0, max: 3 }),
      seq: fc.integer({ min: 1, max: 40 }),
      ownerId: fc.option(fc.constantFrom(...owners), { nil: null }),
      teamId: fc.option(fc.constantFrom(...teams), { nil: null }),
      audience: fc.constantFrom(...audiences),
    }),
    { maxLength: 30 },
  )
  .map((list): FeedKey[] => [...list].sort((a, b) => (isAfter(a, b) ? 1 : isAfter(b, a) ? -1 : 0)));

const visibility: fc.Arbitrary<Visibility> = fc.record({
  seesEverything: fc.boolean(),
  audiences: fc.subarray(audiences),
  userId: fc.constantFrom(...owners, 'u-9'),
  teamIds: fc.subarray(teams),
});

describe('the wake index', () => {
  it('[SY18] answers exactly what a pass over the keys with mayPull answers', () => {
    fc.assert(
      fc.property(keys, visibility, position, (list, v, after: FeedPosition) => {
        const expected = list.some((k) => isAfter(k, after) && mayPull(v, k));
        expect(hasPullableAfter(indexKeys(list), v, after)).toBe(expected);
      }),
      { numRuns: 2_000 },
    );
  });
});
