import { describe, expect, it } from 'vitest';
import { approvalDecideBodySchema, phoneCodeIssueRequestSchema } from './approvals.ts';
import { mutationSchema } from './mutations.ts';

// The approval commands on the wire: one schema each, errors naming the field.

const REQUEST_ID = '019cfeab-d500-7000-8000-000000000101';
const envelope = (name: string, args: unknown) => ({
  id: '019cfeab-d500-7000-8000-000000000001',
  clientTime: '2026-11-23T02:00:00.000Z',
  name,
  args,
});
const paths = (value: unknown) => {
  const result = mutationSchema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
};

describe('approval mutations', () => {
  it('approval.decide: approve needs no reason; reject does, named args.reason', () => {
    const approve = { requestId: REQUEST_ID, decision: 'approve', expectedState: 'pending' };
    expect(paths(envelope('approval.decide', approve))).toEqual([]);
    expect(paths(envelope('approval.decide', { ...approve, decision: 'reject' }))).toEqual([
      'args.reason',
    ]);
    expect(
      paths(envelope('approval.decide', { ...approve, decision: 'reject', reason: '  ' })),
    ).toEqual(['args.reason']);
    expect(
      paths(envelope('approval.decide', { ...approve, decision: 'reject', reason: 'Too much' })),
    ).toEqual([]);
  });

  it('a decision expects an open state', () => {
    const args = { requestId: REQUEST_ID, decision: 'approve', expectedState: 'approved' };
    expect(paths(envelope('approval.decide', args))).toEqual(['args.expectedState']);
    expect(
      paths(envelope('approval.withdraw', { requestId: REQUEST_ID, expectedState: 'escalated' })),
    ).toEqual([]);
  });

  it('recovery.markGiven and limitException.acknowledge name their fields', () => {
    expect(paths(envelope('recovery.markGiven', { recoveryId: 'x' }))).toEqual(['args.recoveryId']);
    expect(
      paths(envelope('limitException.acknowledge', { exceptionId: REQUEST_ID, comment: '' })),
    ).toEqual(['args.comment']);
  });
});

describe('HTTP bodies', () => {
  it('the decide body is the mutation without the request id', () => {
    expect(
      approvalDecideBodySchema.safeParse({ decision: 'approve', expectedState: 'pending' }).success,
    ).toBe(true);
    expect(
      approvalDecideBodySchema.safeParse({ decision: 'reject', expectedState: 'pending' }).error
        ?.issues[0]?.path,
    ).toEqual(['reason']);
  });

  it('a request code may be typed with spaces or dashes', () => {
    const body = {
      requesterId: REQUEST_ID,
      requestCode: '1234 - 5678',
      amount: { amount: 80_000, currency: 'HKD' },
      compensationType: 'bill_credit',
      scope: { product: 'mobile', segment: 'consumer', region: 'kowloon_west' },
    };
    expect(phoneCodeIssueRequestSchema.parse(body).requestCode).toBe('12345678');
    expect(phoneCodeIssueRequestSchema.safeParse({ ...body, requestCode: '1234' }).success).toBe(
      false,
    );
  });
});
