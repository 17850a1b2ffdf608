import { z } from 'zod';
import { idSchema } from './ids.ts';
import { roleSchema } from './roles.ts';

export const localeSchema = z.enum(['en', 'zh-HK']);
export type Locale = z.infer<typeof localeSchema>;

export const usernameSchema = z
  .string()
  .min(3, 'must be at least 3 characters')
  .max(64, 'is too long')
  .regex(/^[a-z0-9._-]+$/, 'may use lower-case letters, digits, dot, dash and underscore');

/** A team of frontline staff led by a supervisor; approvals and exceptions route by team. */
export const teamSchema = z.object({
  id: idSchema,
  name: z.string().min(1).max(120),
  region: z.string().min(1),
  supervisorId: idSchema.nullable(),
});
export type Team = z.infer<typeof teamSchema>;

/** An outsourcing party (e.g. an installation contractor) whose staff use the app as `outsourcer`. */
export const outsourcingPartySchema = z.object({
  id: idSchema,
  name: z.string().min(1).max(120),
  services: z.array(z.string()).max(20),
  active: z.boolean(),
});
export type OutsourcingParty = z.infer<typeof outsourcingPartySchema>;

/** A user as others may see them: never the password hash. */
export const userSchema = z.object({
  id: idSchema,
  username: usernameSchema,
  displayName: z.string().min(1).max(120),
  role: roleSchema,
  teamId: idSchema.nullable(),
  /** Set for `outsourcer` users: the party they work for. */
  orgId: idSchema.nullable(),
  /** Regions the user works in; empty means any. */
  regions: z.array(z.string()).max(20),
  locale: localeSchema,
  active: z.boolean(),
});
export type User = z.infer<typeof userSchema>;

/**
 * The teams a supervisor leads: their own team and every team that names them as supervisor (one
 * supervisor may lead a shop team and a call-back centre). Empty for other roles. The server reads
 * `teams` from its store, a device from its pulled copy.
 */
export function teamsLedBy(
  user: Pick<User, 'id' | 'role' | 'teamId'>,
  teams: readonly Pick<Team, 'id' | 'supervisorId'>[],
): string[] {
  if (user.role !== 'supervisor') return [];
  const led = new Set<string>(user.teamId ? [user.teamId] : []);
  for (const team of teams) if (team.supervisorId === user.id) led.add(team.id);
  return [...led];
}
