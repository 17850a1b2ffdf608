// `npm run audit:verify`: recomputes the whole audit trail's hash chain against the configured
// database (same DATABASE_URL / DATA_DIR as the server) and exits non-zero if anything is off.
import { loadConfig } from '../config.ts';
import { verifyAuditTrail } from '../services/audit-trail.ts';
import { openStore } from '../storage/open.ts';

const config = loadConfig();
const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
try {
  const result = await verifyAuditTrail(store);
  if (result.ok) {
    process.stdout.write(`Audit trail verified: ${result.checked} entries, chain intact.\n`);
  } else {
    process.stdout.write(
      `Audit trail BROKEN at entry ${result.broken?.seq} (${result.broken?.reason}); ${result.checked} entries before it verified.\n`,
    );
    process.exitCode = 2;
  }
} finally {
  await store.close();
}
