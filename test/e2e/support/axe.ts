import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, ImpactValue, Result } from 'axe-core';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

/** WCAG 2.2 A and AA plus axe's best practices: what "accessible" means for this app. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

export const BLOCKING_IMPACTS: readonly ImpactValue[] = ['serious', 'critical'];

export interface AxeFinding {
  readonly screen: string;
  readonly lang: string;
  readonly id: string;
  readonly impact: ImpactValue | undefined;
  readonly help: string;
  readonly targets: readonly string[];
}

/**
 * Runs axe-core in the page, on the whole document less `exclude` (CSS selectors). Evaluated
 * through the DevTools protocol, not as a <script>, so the server's Content-Security-Policy
 * (script-src 'self') needs no exception for the test.
 */
export async function runAxe(
  page: Page,
  screen: string,
  lang: string,
  options: { readonly exclude?: readonly string[] } = {},
): Promise<AxeFinding[]> {
  const hasAxe = await page.evaluate(() => 'axe' in window);
  if (!hasAxe) await page.evaluate(axeSource);
  const results = await page.evaluate(
    ({ tags, exclude }) => {
      const { axe } = window as unknown as {
        axe: { run(context: object, options: object): Promise<AxeResults> };
      };
      const context =
        exclude.length > 0 ? { include: [['html']], exclude: exclude.map((s) => [s]) } : document;
      return axe.run(context, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      });
    },
    { tags: TAGS, exclude: [...(options.exclude ?? [])] },
  );
  return results.violations.map((v: Result) => ({
    screen,
    lang,
    id: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
  }));
}

/** One line per violation, for a failure message someone can act on. */
export function formatFindings(findings: readonly AxeFinding[]): string {
  return findings
    .map(
      (f) =>
        `[${f.impact ?? 'unknown'}] ${f.screen} (${f.lang}) ${f.id}: ${f.help}\n    ${f.targets.join('\n    ')}`,
    )
    .join('\n');
}
