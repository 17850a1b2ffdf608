// Real time in tests that wait on real I/O (a held watch, a row lock). Tests of timers use the
// manual clocks in test/web-sync/helpers.ts instead.

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Whether `p` settles (either way) within `ms`: `false` means it is still waiting. */
export async function settlesWithin(p: Promise<unknown>, ms: number): Promise<boolean> {
  const settled = p.then(
    () => true,
    () => true,
  );
  return Promise.race([settled, sleep(ms).then(() => false)]);
}
