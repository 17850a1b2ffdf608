import { afterEach, beforeEach } from 'vitest';

/**
 * For a describe block whose tests are the steps of one story on one phone: once a step fails,
 * the later ones are skipped, since they would only fail for its reason. Call inside the block.
 */
export function skipRestAfterFailure(): void {
  let hasFailed = false;
  beforeEach((ctx) => {
    if (hasFailed) ctx.skip('an earlier step of the story failed');
  });
  afterEach((ctx) => {
    if (ctx.task.result?.state === 'fail') hasFailed = true;
  });
}
