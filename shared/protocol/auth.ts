import { z } from 'zod';
import { usernameSchema, userSchema } from '../domain/organisation.ts';
import { instantSchema } from '../domain/time.ts';

export const deviceIdSchema = z
  .string()
  .min(8, 'must be at least 8 characters')
  .max(64, 'is too long')
  .regex(/^[A-Za-z0-9_-]+$/, 'may use letters, digits, dash and underscore');

export const loginRequestSchema = z.object({
  username: usernameSchema,
  password: z.string().min(1, 'is required').max(256, 'is too long'),
  deviceId: deviceIdSchema,
  deviceName: z.string().trim().max(120).optional(),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

/** Server settings the device needs to behave offline as the server would. */
export const deviceSettingsSchema = z.object({
  /** Beyond this age the device's copy of the limits never approves on its own. */
  maxLimitsAgeMs: z.number().int(),
  sessionLifetimeMs: z.number().int(),
});
export type DeviceSettings = z.infer<typeof deviceSettingsSchema>;

export const loginResponseSchema = z.object({
  token: z.string(),
  sessionId: z.string(),
  expiresAt: instantSchema,
  user: userSchema,
  settings: deviceSettingsSchema,
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;

export const sessionInfoSchema = z.object({
  id: z.string(),
  userId: z.string(),
  deviceId: z.string(),
  deviceName: z.string().nullable(),
  createdAt: instantSchema,
  lastSeenAt: instantSchema,
  expiresAt: instantSchema,
  revokedAt: instantSchema.nullable(),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;
