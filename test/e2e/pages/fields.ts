import type { Locator, Page } from 'playwright-core';

/** `text` as a literal inside a RegExp. */
export const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A form control by its label as the user reads it. A required field's label ends with the
 * marker ("Category (required)"), so the label is matched from its start.
 */
export function field(scope: Page | Locator, label: string): Locator {
  return scope.getByLabel(new RegExp(`^${escapeRegExp(label)}(?:\\s*\\(.+\\))?$`));
}

/** A group of radio buttons by its legend (likelihood 1–5, satisfaction…). */
export function radioGroup(scope: Page | Locator, legend: string): Locator {
  return scope.getByRole('radiogroup', { name: new RegExp(`^${escapeRegExp(legend)}`) });
}

/** Picks the radio whose label is `option` in the group with this legend. */
export async function choose(scope: Page | Locator, legend: string, option: string): Promise<void> {
  await radioGroup(scope, legend).getByRole('radio', { name: option, exact: true }).check();
}

/** Selects an option of a native select by its visible text. */
export async function select(scope: Page | Locator, label: string, option: string): Promise<void> {
  await field(scope, label).selectOption({ label: option });
}

/** Where a record happened, by the words shown in the pickers ("Mobile", "Consumer"…). */
export interface ScopeWords {
  readonly product: string;
  readonly segment: string;
  readonly region: string;
}

/** Picks product, segment and region, each by its picker's label (`t('scope.…')`). */
export async function selectScope(
  scope: Page | Locator,
  t: (key: 'scope.product' | 'scope.segment' | 'scope.region') => string,
  words: ScopeWords,
): Promise<void> {
  await select(scope, t('scope.product'), words.product);
  await select(scope, t('scope.segment'), words.segment);
  await select(scope, t('scope.region'), words.region);
}
