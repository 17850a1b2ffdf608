import { randomBytes } from 'node:crypto';
import {
  ERROR_CODES,
  idSchema,
  uuidv7,
  type LoginRequest,
  type LoginResponse,
  type SessionInfo,
  type User,
} from '../../../shared/index.ts';
import { sha256Hex } from '../hash.ts';
import { AppError } from '../http/app-error.ts';
import type { SessionRecord, Store, StoredUser } from '../storage/store.ts';
import { deviceSettingsOf, type Config } from '../config.ts';
import { iso, type Clock } from './clock.ts';
import { decoyHash, verifyPassword } from './passwords.ts';
import { audit } from './audit.ts';
import { ensureApprovalKey } from './approvals/keys.ts';
import { isUniqueViolation } from '../storage/errors.ts';

/** Failures that lock one username: password guessing against one account. */
const MAX_FAILURES = 5;
/**
 * Failures that lock one client address, across usernames: guessing spread over many accounts.
 * Much higher than per user, because many honest phones share an address (a shop's Wi-Fi, a
 * mobile carrier's NAT), and one person's typos must not lock out everyone behind it.
 */
const MAX_FAILURES_PER_ADDRESS = 50;
const WINDOW_MS = 15 * 60_000;
const LOCK_MS = 15 * 60_000;
/** How stale `last_seen_at` may get before a request writes it again. */
const TOUCH_EVERY_MS = 60_000;

export interface Principal {
  readonly user: User;
  readonly session: SessionRecord;
}

export const hashToken = (token: string): string => sha256Hex(token);

export const publicUser = (u: StoredUser): User => {
  const { passwordHash: _omit, ...user } = u;
  return user;
};

export function sessionInfo(s: SessionRecord): SessionInfo {
  return {
    id: s.id,
    userId: s.userId,
    deviceId: s.deviceId,
    deviceName: s.deviceName,
    createdAt: s.createdAt,
    lastSeenAt: s.lastSeenAt,
    expiresAt: s.expiresAt,
    revokedAt: s.revokedAt,
  };
}

export class AuthService {
  private decoy: Promise<string> | undefined;

  constructor(
    private readonly store: Store,
    private readonly config: Config,
    private readonly clock: Clock,
  ) {}

  /**
   * Signs in with username and password from one device. Throttled per username and per client
   * address; a locked key answers 429 with Retry-After, whatever the password.
   */
  async login(req: LoginRequest, clientAddress: string): Promise<LoginResponse> {
    const now = this.clock.now();
    const userKey = `user:${req.username}`;
    const keys = [userKey, `addr:${clientAddress}`];
    for (const key of keys) {
      const attempt = await this.store.getLoginAttempt(key);
      if (attempt && attempt.lockedUntilMs > now) {
        const seconds = Math.ceil((attempt.lockedUntilMs - now) / 1000);
        throw new AppError(
          429,
          ERROR_CODES.tooManyAttempts,
          `Too many failed sign-ins; try again in ${seconds} s`,
          undefined,
          {
            'Retry-After': String(seconds),
          },
        );
      }
    }
    const user = await this.store.findUserByUsername(req.username);
    this.decoy ??= decoyHash(this.config.passwordHashCost);
    const isValid = await verifyPassword(req.password, user?.passwordHash ?? (await this.decoy));
    if (!user || !isValid || !user.active) {
      await this.recordFailure(keys, now);
      await audit(this.store, this.clock, {
        action: 'sign_in_failed',
        actorId: user?.id ?? null,
        deviceId: req.deviceId,
        detail: { username: req.username },
      });
      throw new AppError(401, ERROR_CODES.badCredentials, 'Wrong username or password', 'password');
    }
    // Only the account's count: someone who knows one password must not be able to reset the
    // address's count between guesses at other accounts.
    await this.store.deleteLoginAttempt(userKey);
    const token = randomBytes(32).toString('base64url');
    const session: SessionRecord = {
      id: uuidv7(now),
      tokenHash: hashToken(token),
      userId: user.id,
      deviceId: req.deviceId,
      deviceName: req.deviceName ?? null,
      createdAt: iso(now),
      lastSeenAt: iso(now),
      expiresAt: iso(now + this.config.sessionLifetimeMs),
      revokedAt: null,
      revokedBy: null,
    };
    await this.store.transaction(async (tx) => {
      await tx.insertSession(session);
      await audit(tx, this.clock, {
        action: 'sign_in',
        actorId: user.id,
        deviceId: req.deviceId,
        entityKind: 'session',
        entityId: session.id,
        detail: { deviceName: session.deviceName },
      });
    });
    await this.issueApprovalKey(publicUser(user), req.deviceId, now);
    return {
      token,
      sessionId: session.id,
      expiresAt: session.expiresAt,
      user: publicUser(user),
      settings: deviceSettingsOf(this.config),
    };
  }

  /** The device must hold the key for phone approval codes before it goes offline. */
  private async issueApprovalKey(user: User, deviceId: string, now: number): Promise<void> {
    try {
      await this.store.transaction(async (tx) => {
        if (await ensureApprovalKey(tx, user, now)) {
          await audit(tx, this.clock, {
            action: 'key_issued',
            actorId: user.id,
            deviceId,
            entityKind: 'approval_key',
            entityId: user.id,
          });
        }
      });
    } catch (err) {
      // Two first sign-ins at once: the other one made the key.
      if (!isUniqueViolation(err)) throw err;
    }
  }

  private async recordFailure(keys: readonly string[], now: number): Promise<void> {
    for (const key of keys) {
      const prev = await this.store.getLoginAttempt(key);
      const inWindow = prev && now - prev.windowStartMs < WINDOW_MS;
      const failures = inWindow ? prev.failures + 1 : 1;
      await this.store.putLoginAttempt({
        key,
        windowStartMs: inWindow ? prev.windowStartMs : now,
        failures,
        lockedUntilMs:
          failures >= (key.startsWith('addr:') ? MAX_FAILURES_PER_ADDRESS : MAX_FAILURES)
            ? now + LOCK_MS
            : 0,
      });
    }
  }

  /** The principal behind a bearer token, or a 401 that says why. */
  async authenticate(token: string | undefined): Promise<Principal> {
    if (!token) throw new AppError(401, ERROR_CODES.unauthenticated, 'Sign in first');
    const found = await this.store.findSessionByTokenHash(hashToken(token));
    if (!found)
      throw new AppError(
        401,
        ERROR_CODES.unauthenticated,
        'This sign-in is not valid; sign in again',
      );
    const { session, user } = found;
    if (session.revokedAt)
      throw new AppError(
        401,
        ERROR_CODES.sessionRevoked,
        'This device was signed out by a manager',
      );
    const now = this.clock.now();
    if (Date.parse(session.expiresAt) <= now) {
      throw new AppError(
        401,
        ERROR_CODES.sessionExpired,
        'Your sign-in has expired; sign in again',
      );
    }
    if (!user || !user.active)
      throw new AppError(401, ERROR_CODES.unauthenticated, 'This account is disabled');
    if (now - Date.parse(session.lastSeenAt) > TOUCH_EVERY_MS)
      await this.store.touchSession(session.id, iso(now));
    return { user: publicUser(user), session };
  }

  async logout(p: Principal): Promise<void> {
    await this.store.transaction(async (tx) => {
      await tx.revokeSession(p.session.id, iso(this.clock.now()), p.user.id);
      await audit(tx, this.clock, {
        action: 'sign_out',
        actorId: p.user.id,
        deviceId: p.session.deviceId,
        entityKind: 'session',
        entityId: p.session.id,
      });
    });
  }

  /** A manager revokes a device's session (a lost phone): it can no longer pull or push. */
  async revoke(by: Principal, sessionId: string): Promise<SessionInfo> {
    if (by.user.role !== 'manager')
      throw new AppError(403, ERROR_CODES.forbidden, 'Only a manager can revoke a device');
    // Not a UUID, so no session; and a NUL in it would be a 500 on PostgreSQL.
    if (!idSchema.safeParse(sessionId).success)
      throw new AppError(404, ERROR_CODES.notFound, 'No such session', 'sessionId');
    return this.store.transaction(async (tx) => {
      const session = await tx.getSession(sessionId);
      if (!session) throw new AppError(404, ERROR_CODES.notFound, 'No such session', 'sessionId');
      const at = iso(this.clock.now());
      if (await tx.revokeSession(sessionId, at, by.user.id)) {
        await audit(tx, this.clock, {
          action: 'session_revoked',
          actorId: by.user.id,
          deviceId: by.session.deviceId,
          entityKind: 'session',
          entityId: sessionId,
          detail: { userId: session.userId, deviceId: session.deviceId },
        });
      }
      return sessionInfo((await tx.getSession(sessionId)) ?? session);
    });
  }

  async listSessions(by: Principal, userId?: string): Promise<SessionInfo[]> {
    if (by.user.role !== 'manager' && by.user.role !== 'auditor' && userId !== by.user.id) {
      throw new AppError(
        403,
        ERROR_CODES.forbidden,
        'You may list only your own sessions',
        'userId',
      );
    }
    return (await this.store.listSessions(userId)).map(sessionInfo);
  }
}
