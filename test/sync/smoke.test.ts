import { describe, expect, it } from 'vitest';
import { databaseTargets } from '../support/databases.ts';
import { createTestServer, mutation } from '../support/harness.ts';
import { incidentArgs, recoveryArgs } from '../support/factories.ts';

describe.each(databaseTargets())('sync round trip on $name', ({ name }) => {
  it('[SY1] a recorded incident and recovery are applied once and pulled back by their author', async () => {
    const s = await createTestServer(name);
    try {
      const token = await s.login('frontline.chan');
      const inc = mutation('incident.record', incidentArgs());
      const rec = mutation('recovery.record', recoveryArgs());
      const first = await s.push(token, [inc, rec]);
      expect(first.results.map((r) => r.status)).toEqual(['applied', 'applied']);
      const again = await s.push(token, [inc, rec]);
      expect(again.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
      const page = await s.pull(token);
      const kinds = page.changes.map((c) => c.kind);
      expect(kinds).toContain('incident');
      expect(kinds).toContain('recovery');
      expect(kinds).toContain('plan_version');
      expect(page.changes.filter((c) => c.id === (inc.args as { id: string }).id)).toHaveLength(1);
    } finally {
      await s.close();
    }
  });
});
