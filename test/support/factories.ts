import { uuidv7, type IncidentInput, type RecoveryInput, type Scope } from '../../shared/index.ts';
import { TEST_NOW } from './harness.ts';

export const KOWLOON_WEST_MOBILE: Scope = {
  product: 'mobile',
  segment: 'consumer',
  region: 'kowloon_west',
};

const at = (ms = TEST_NOW) => new Date(ms).toISOString();

/** A valid incident as a device would record it; override any field. */
export function incidentArgs(overrides: Partial<IncidentInput> = {}): IncidentInput {
  return {
    id: uuidv7(),
    category: 'missed_appointment',
    description: 'Installer did not arrive for the 10:00 slot; customer waited at home.',
    scope: KOWLOON_WEST_MOBILE,
    customerRef: 'ACC-00012345',
    outsourcingPartyId: null,
    occurredAt: at(TEST_NOW - 3_600_000),
    location: null,
    photoIds: [],
    severity: { likelihood: 3, impact: 2 },
    tacticIdsShown: [],
    riskId: null,
    ...overrides,
  };
}

/** A valid recovery the device decided was within its limits; override any field. */
export function recoveryArgs(overrides: Partial<RecoveryInput> = {}): RecoveryInput {
  return {
    id: uuidv7(),
    incidentId: null,
    customerRef: 'ACC-00012345',
    compensationType: 'bill_credit',
    amount: { amount: 5_000, currency: 'HKD' },
    scope: KOWLOON_WEST_MOBILE,
    reason: 'Missed appointment; goodwill credit per tactic.',
    occurredAt: at(),
    deviceDecision: {
      outcome: 'within_limit',
      ruleId: null,
      reasons: [],
      limitsVersion: 1,
      limitsAgeMs: 60_000,
    },
    satisfaction: 4,
    ...overrides,
  };
}

/**
 * `n` bytes the server takes for a JPEG: its signature (FF D8 FF E0), then bytes that differ with
 * `seed`. Past the signature every byte value appears once in any 256 bytes in a row (31 is odd),
 * so `jpegBytes(4 + 256)` holds them all.
 */
export function jpegBytes(n: number, seed = 0): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(n).map((_, i) => (i * 31 + seed) % 256);
  bytes.set([0xff, 0xd8, 0xff, 0xe0]);
  return bytes;
}
