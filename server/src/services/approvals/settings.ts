import { loadConfig, slaMsFor, type Config, type SlaBand } from '../../config.ts';

/** What the approval services take from the configuration. */
export interface ApprovalSettings {
  readonly slaBands: readonly SlaBand[];
  readonly expiryMs: number;
}

export function approvalSettings(
  config: Pick<Config, 'approvalSlaBands' | 'approvalExpiryMs'>,
): ApprovalSettings {
  return { slaBands: config.approvalSlaBands, expiryMs: config.approvalExpiryMs };
}

/** The documented defaults (README, docs/approvals.md), for callers without a configuration. */
export const DEFAULT_APPROVAL_SETTINGS: ApprovalSettings = approvalSettings(loadConfig({}));

/** When a request opened at `createdMs` for `amountMinor` is due for a decision, and expires. */
export function approvalDeadlines(
  settings: ApprovalSettings,
  createdMs: number,
  amountMinor: number,
): { slaDueMs: number; expiresMs: number } {
  return {
    slaDueMs: createdMs + slaMsFor(settings.slaBands, amountMinor),
    expiresMs: createdMs + settings.expiryMs,
  };
}
