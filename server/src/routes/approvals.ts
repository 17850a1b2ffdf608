import { Hono } from 'hono';
import {
  approvalDecideBodySchema,
  approvalWithdrawBodySchema,
  phoneCodeIssueRequestSchema,
} from '../../../shared/index.ts';
import type { AppEnv } from '../http/env.ts';
import { parseBody } from '../http/env.ts';
import { requireAuth } from '../http/auth-middleware.ts';
import { runApprovalCommand } from '../services/approvals/commands.ts';
import { approvalInbox } from '../services/approvals/inbox.ts';
import { issuePhoneCode } from '../services/approvals/phone-codes.ts';

/**
 * The approval inbox for online supervisors and managers (docs/approvals.md). Decisions run as the
 * same mutations devices push; send an `Idempotency-Key` header (a UUID) so a retry is harmless.
 */
export const approvalRoutes = new Hono<AppEnv>()
  .use('/approvals/*', requireAuth)
  .get('/approvals/inbox', async (c) => {
    const { store, clock } = c.var.services;
    return c.json(await approvalInbox(store, clock, c.var.principal));
  })
  .post('/approvals/phone-code', async (c) => {
    const body = await parseBody(c, phoneCodeIssueRequestSchema);
    const { store, clock } = c.var.services;
    return c.json(await issuePhoneCode(store, clock, c.var.principal, body));
  })
  .post('/approvals/:id/decide', async (c) => {
    const body = await parseBody(c, approvalDecideBodySchema);
    const result = await runApprovalCommand(
      c.var.services,
      c.var.principal,
      'approval.decide',
      { requestId: c.req.param('id'), ...body },
      c.req.header('idempotency-key'),
    );
    return c.json(result);
  })
  .post('/approvals/:id/withdraw', async (c) => {
    const body = await parseBody(c, approvalWithdrawBodySchema);
    const result = await runApprovalCommand(
      c.var.services,
      c.var.principal,
      'approval.withdraw',
      { requestId: c.req.param('id'), ...body },
      c.req.header('idempotency-key'),
    );
    return c.json(result);
  });
