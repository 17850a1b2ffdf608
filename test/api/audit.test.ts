import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7, type AuditEvent, type LoginResponse } from '../../shared/index.ts';
import { createTestServer, mutation, TEST_NOW, type TestServer } from '../support/harness.ts';
import { incidentArgs } from '../support/factories.ts';

// Check-back and enquiry through the API: search, export and verify the trail (SY15).

const MINUTE = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

let s: TestServer;
let manager: string;
let auditor: string;
const chanIncident = incidentArgs();
const lamIncident = incidentArgs({
  scope: { product: 'mobile', segment: 'consumer', region: 'hk_island' },
});
const lamFeedbackId = uuidv7();

beforeAll(async () => {
  s = await createTestServer('sqlite');
  manager = await s.login('manager.lee');
  auditor = await s.login('auditor.ho');
  const chan = await s.login('frontline.chan');
  expect((await s.push(chan, [mutation('incident.record', chanIncident)])).results[0]?.status).toBe(
    'applied',
  );
  s.clock.advance(MINUTE);
  const lam = await s.login('frontline.lam');
  const feedback = {
    id: lamFeedbackId,
    subject: { kind: 'general' },
    kind: 'concern',
    // Free text that a spreadsheet would run as a formula.
    text: '=HYPERLINK("http://evil.example","click")',
    sentAt: iso(TEST_NOW + MINUTE),
  };
  const res = await s.push(lam, [
    mutation('incident.record', lamIncident),
    mutation('feedback.send', feedback),
  ]);
  expect(res.results.map((r) => r.status)).toEqual(['applied', 'applied']);
  s.clock.advance(MINUTE);
});
afterAll(async () => {
  await s.close();
});

async function search(query: string, token = manager): Promise<AuditEvent[]> {
  const res = await s.request(`/api/audit${query}`, { token });
  expect(res.status).toBe(200);
  return ((await res.json()) as { events: AuditEvent[] }).events;
}

describe('GET /api/audit filters', () => {
  it('action=create returns only create events, one per record created', async () => {
    const events = await search('?action=create');
    expect(new Set(events.map((e) => e.action))).toEqual(new Set(['create']));
    expect(events.map((e) => e.entityId).sort()).toEqual(
      [chanIncident.id, lamIncident.id, lamFeedbackId].sort(),
    );
  });

  it("actorId returns only that person's events", async () => {
    const chanId = s.user('frontline.chan').id;
    const events = await search(`?actorId=${chanId}`);
    expect(events.length).toBeGreaterThanOrEqual(3); // sign_in, create, sync_batch
    expect(events.every((e) => e.actorId === chanId)).toBe(true);
    expect(events.map((e) => e.action)).toEqual(
      expect.arrayContaining(['sign_in', 'create', 'sync_batch']),
    );
  });

  it("entityId returns only that record's events", async () => {
    const events = await search(`?entityId=${lamIncident.id}`);
    expect(events.map((e) => [e.action, e.entityKind, e.actorId])).toEqual([
      ['create', 'incident', s.user('frontline.lam').id],
    ]);
  });

  it('from is inclusive and to exclusive', async () => {
    const later = await search(`?action=create&from=${iso(TEST_NOW + MINUTE)}`);
    expect(later.map((e) => e.entityId).sort()).toEqual([lamIncident.id, lamFeedbackId].sort());
    const earlier = await search(`?action=create&to=${iso(TEST_NOW + MINUTE)}`);
    expect(earlier.map((e) => e.entityId)).toEqual([chanIncident.id]);
    const window = await search(`?from=${iso(TEST_NOW + 1)}&to=${iso(TEST_NOW + MINUTE + 1)}`);
    expect(window.length).toBeGreaterThan(0);
    expect(window.every((e) => e.at === iso(TEST_NOW + MINUTE))).toBe(true);
  });

  it('from and to mean instants, whatever offset or precision they are written in', async () => {
    const utc = await search(`?from=${iso(TEST_NOW + MINUTE)}`);
    expect(utc.length).toBeGreaterThan(0);
    // 10:01 in Hong Kong is 02:01 UTC; seconds without milliseconds still include 02:01:00.000.
    expect(await search(`?from=${encodeURIComponent('2026-11-23T10:01:00+08:00')}`)).toEqual(utc);
    expect(await search('?from=2026-11-23T02:01:00Z')).toEqual(utc);
    const before = await search(`?to=${iso(TEST_NOW + MINUTE)}`);
    expect(await search(`?to=${encodeURIComponent('2026-11-23T10:01:00+08:00')}`)).toEqual(before);
    expect(await search('?to=2026-11-23T02:01:00Z')).toEqual(before);
  });

  it('limit and afterSeq page through the trail in order', async () => {
    const all = await search('?limit=1000');
    expect(all.map((e) => e.seq)).toEqual(all.map((_, i) => i + 1));
    const first = await search('?limit=2');
    expect(first.map((e) => e.seq)).toEqual([1, 2]);
    const next = await search('?limit=2&afterSeq=2');
    expect(next.map((e) => e.seq)).toEqual([3, 4]);
  });

  it('an auditor searches the same trail as a manager', async () => {
    expect(await search('?action=create', auditor)).toEqual(
      await search('?action=create', manager),
    );
  });
});

/** RFC 4180: quoted cells, doubled quotes, CRLF rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let isQuoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (isQuoted && ch === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (ch === '"') {
      isQuoted = !isQuoted;
    } else if (!isQuoted && ch === ',') {
      row.push(cell);
      cell = '';
    } else if (!isQuoted && ch === '\r' && text[i + 1] === '\n') {
      rows.push([...row, cell]);
      row = [];
      cell = '';
      i++;
    } else {
      cell += ch;
    }
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

describe('GET /api/audit/export.csv', () => {
  it('exports text/csv: a header, one quoted row per event, and the export itself is audited', async () => {
    const before = (await search('?limit=1000')).length;
    const res = await s.request('/api/audit/export.csv', { token: auditor });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename=".+\.csv"/);
    const text = await res.text();
    const lines = text.split('\r\n').filter((l) => l !== '');
    expect(lines.slice(1).every((l) => l.startsWith('"') && l.endsWith('"'))).toBe(true);

    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual([
      'seq',
      'id',
      'at',
      'deviceAt',
      'actorId',
      'deviceId',
      'action',
      'entityKind',
      'entityId',
      'detail',
      'prevHash',
      'hash',
    ]);
    // The export event is appended before the rows are read, so it is the last row.
    expect(rows).toHaveLength(before + 1);
    expect(rows.every((r) => r.length === header?.length)).toBe(true);
    const last = rows.at(-1);
    expect([last?.[4], last?.[6], last?.[7]]).toEqual([
      s.user('auditor.ho').id,
      'export',
      'audit_trail',
    ]);

    const exports = await search('?action=export');
    expect(exports.at(-1)).toMatchObject({
      actorId: s.user('auditor.ho').id,
      deviceId: 'device-auditor-ho',
    });
  });

  it('filters the export like the search, and records the filter in the export event', async () => {
    const res = await s.request(
      `/api/audit/export.csv?action=create&actorId=${s.user('frontline.lam').id}`,
      { token: manager },
    );
    const [, ...rows] = parseCsv(await res.text());
    expect(rows.map((r) => r[8]).sort()).toEqual([lamIncident.id, lamFeedbackId].sort());
    const exportEvent = (await search('?action=export')).at(-1);
    expect(exportEvent?.detail).toEqual({ action: 'create', actorId: s.user('frontline.lam').id });
  });

  it('neutralises cells a spreadsheet would run as a formula (CSV injection)', async () => {
    // deviceId may start with "-"; deviceName is free text and lands in the detail JSON cell.
    const login = await s.request('/api/auth/login', {
      method: 'POST',
      json: {
        username: 'frontline.ng',
        password: s.user('frontline.ng').password,
        deviceId: '-2-3-cmd-calc',
        deviceName: '=HYPERLINK("http://evil.example","x")',
      },
    });
    expect(login.status).toBe(200);
    const { sessionId } = (await login.json()) as LoginResponse;
    const text = await (await s.request('/api/audit/export.csv', { token: manager })).text();
    const rows = parseCsv(text);
    for (const cell of rows.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);

    const signIn = rows.find((r) => r[6] === 'sign_in' && r[8] === sessionId);
    expect(signIn?.[5]).toBe("'-2-3-cmd-calc");
    expect(JSON.parse(signIn?.[9] ?? '{}')).toEqual({
      deviceName: '=HYPERLINK("http://evil.example","x")',
    });
    expect(text).toContain(
      '"{""deviceName"":""=HYPERLINK(\\""http://evil.example\\"",\\""x\\"")""}"',
    );
  });
});

describe('GET /api/audit/verify', () => {
  it('answers ok with checked = the number of events, and reading does not add any', async () => {
    const count = (await search('?limit=1000')).length;
    const res = await s.request('/api/audit/verify', { token: auditor });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, checked: count });
    expect(await search('?limit=1000')).toHaveLength(count);
  });
});
