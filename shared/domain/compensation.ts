import { z } from 'zod';

export const COMPENSATION_TYPES = [
  'bill_credit',
  'fee_waiver',
  'voucher',
  'device_replacement',
  'refund',
  'non_monetary',
] as const;
export const compensationTypeSchema = z.enum(COMPENSATION_TYPES);
export type CompensationType = z.infer<typeof compensationTypeSchema>;
