import { z } from 'zod';
import {
  loginRequestSchema,
  loginResponseSchema,
  PROTOCOL_VERSION,
  pullQuerySchema,
  pullResponseSchema,
  pushRequestSchema,
  pushResponseSchema,
  watchQuerySchema,
  watchResponseSchema,
  sessionInfoSchema,
  userSchema,
  auditEventSchema,
  approvalDecideBodySchema,
  approvalDecisionResponseSchema,
  approvalInboxResponseSchema,
  approvalWithdrawBodySchema,
  phoneCodeIssueRequestSchema,
  phoneCodeIssueResponseSchema,
  MAX_PHOTO_BYTES,
  PHOTO_CONTENT_TYPES,
  PHOTO_SHA256_HEADER,
  photoReceiptSchema,
} from '../../../shared/index.ts';
import { auditQuerySchema } from '../routes/audit.ts';

interface Operation {
  readonly method: 'get' | 'post' | 'put';
  readonly path: string;
  readonly summary: string;
  readonly description?: string;
  readonly auth: boolean;
  readonly query?: z.ZodObject;
  readonly body?: z.ZodType;
  readonly response?: z.ZodType;
  readonly responseType?: string;
  /** A raw (not JSON) request body of one of these media types. */
  readonly bodyTypes?: readonly string[];
  readonly headers?: readonly { readonly name: string; readonly description: string }[];
}

const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }),
});

/** Every endpoint, described from the same schemas the server validates with. */
const OPERATIONS: readonly Operation[] = [
  {
    method: 'get',
    path: '/api/health',
    summary: 'Liveness and database check',
    auth: false,
    response: z.object({ ok: z.boolean(), database: z.string() }),
  },
  {
    method: 'post',
    path: '/api/auth/login',
    summary: 'Sign in from a device',
    auth: false,
    body: loginRequestSchema,
    response: loginResponseSchema,
  },
  {
    method: 'post',
    path: '/api/auth/logout',
    summary: 'Sign out this device (revokes its session)',
    auth: true,
  },
  {
    method: 'get',
    path: '/api/auth/me',
    summary: 'The signed-in user',
    auth: true,
    response: z.object({ user: userSchema, sessionId: z.string() }),
  },
  {
    method: 'get',
    path: '/api/sessions',
    summary: 'Sessions of a user (own; any for managers and auditors)',
    auth: true,
    query: z.object({ userId: z.string().optional() }),
    response: z.object({ sessions: z.array(sessionInfoSchema) }),
  },
  {
    method: 'post',
    path: '/api/sessions/{id}/revoke',
    summary: 'Revoke a device session (managers)',
    auth: true,
    response: z.object({ session: sessionInfoSchema }),
  },
  {
    method: 'post',
    path: '/api/sync/push',
    summary: 'Apply a batch of mutations, each at most once',
    auth: true,
    body: pushRequestSchema,
    response: pushResponseSchema,
  },
  {
    method: 'get',
    path: '/api/sync/pull',
    summary: 'Changes the user may see since a cursor',
    auth: true,
    query: pullQuerySchema,
    response: pullResponseSchema,
  },
  {
    method: 'get',
    path: '/api/sync/watch',
    summary: 'Wait until a pull from the cursor would return something (long poll)',
    description:
      'Answers { changed: true } at once when a pull from `cursor` would return at least one ' +
      'change the user may see; otherwise holds the request until such a change is committed ' +
      '(in this server process or, within about a second, in another one on the same database) ' +
      'and answers { changed: true }, or answers { changed: false } after `waitSeconds` ' +
      '(default 25, at most 30) or when the server shuts down. It returns no data: on `changed` ' +
      'the device pulls as usual, then watches again with its new cursor. docs/sync.md SY18.',
    auth: true,
    query: watchQuerySchema,
    response: watchResponseSchema,
  },
  {
    method: 'get',
    path: '/api/audit',
    summary: 'Search the audit trail (managers, auditors)',
    auth: true,
    query: auditQuerySchema,
    response: z.object({ events: z.array(auditEventSchema) }),
  },
  {
    method: 'get',
    path: '/api/audit/export.csv',
    summary: 'Export the audit trail as CSV (managers, auditors)',
    auth: true,
    query: auditQuerySchema.omit({ afterSeq: true, limit: true }),
    responseType: 'text/csv',
  },
  {
    method: 'get',
    path: '/api/audit/verify',
    summary: 'Verify the hash chain of the whole trail',
    auth: true,
    response: z.object({ ok: z.boolean(), checked: z.number() }),
  },
  {
    method: 'get',
    path: '/api/approvals/inbox',
    summary:
      'Open approval requests the caller may decide, oldest first, and open limit exceptions',
    auth: true,
    response: approvalInboxResponseSchema,
  },
  {
    method: 'post',
    path: '/api/approvals/{id}/decide',
    summary:
      'Approve or reject (Idempotency-Key header; 409 with the current state when the decision lost the race)',
    auth: true,
    body: approvalDecideBodySchema,
    response: approvalDecisionResponseSchema,
  },
  {
    method: 'post',
    path: '/api/approvals/{id}/withdraw',
    summary: 'The requester withdraws their request (Idempotency-Key header)',
    auth: true,
    body: approvalWithdrawBodySchema,
    response: approvalDecisionResponseSchema,
  },
  {
    method: 'post',
    path: '/api/approvals/phone-code',
    summary: 'Give an approval code by phone for an offline requester’s request code and amount',
    auth: true,
    body: phoneCodeIssueRequestSchema,
    response: phoneCodeIssueResponseSchema,
  },
  {
    method: 'put',
    path: '/api/photos/{id}',
    summary: 'Store a photo of a risk incident under its device-made id (idempotent)',
    description:
      `The raw image bytes (at most ${MAX_PHOTO_BYTES} bytes; 413 naming \`body\`), of one of ` +
      `${PHOTO_CONTENT_TYPES.join(', ')} (415 naming \`content-type\`, or \`body\` when the ` +
      `bytes are not of that type), with their SHA-256 in \`${PHOTO_SHA256_HEADER}\`. The same ` +
      'id with the same bytes answers the same receipt again; other bytes under a stored id are ' +
      'refused with 409 idempotency_conflict. Auditors are refused. docs/sync.md SY20.',
    auth: true,
    bodyTypes: PHOTO_CONTENT_TYPES,
    headers: [{ name: PHOTO_SHA256_HEADER, description: 'SHA-256 of the body, lower-case hex' }],
    response: photoReceiptSchema,
  },
  {
    method: 'get',
    path: '/api/photos/{id}',
    summary: 'A photo, for whoever may see the uploader’s records (404 otherwise)',
    description:
      'Served with Cache-Control: private, max-age=31536000, immutable: a photo never changes.',
    auth: true,
    responseType: 'image/*',
  },
];

const json = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });

function queryParameters(query: z.ZodObject) {
  const schema = json(query) as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(schema.properties ?? {}).map(([name, s]) => ({
    name,
    in: 'query',
    required: schema.required?.includes(name) ?? false,
    schema: s,
  }));
}

export function openApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) {
    const pathParams = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    paths[op.path] ??= {};
    (paths[op.path] as Record<string, unknown>)[op.method] = {
      summary: op.summary,
      ...(op.description ? { description: op.description } : {}),
      ...(op.auth ? { security: [{ bearer: [] }] } : {}),
      parameters: [
        ...pathParams,
        ...(op.query ? queryParameters(op.query) : []),
        ...(op.headers ?? []).map((h) => ({
          name: h.name,
          in: 'header',
          required: true,
          description: h.description,
          schema: { type: 'string' },
        })),
      ],
      ...(op.bodyTypes
        ? {
            requestBody: {
              required: true,
              content: Object.fromEntries(
                op.bodyTypes.map((t) => [t, { schema: { type: 'string', format: 'binary' } }]),
              ),
            },
          }
        : {}),
      ...(op.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: json(op.body) } },
            },
          }
        : {}),
      responses: {
        [op.response || op.responseType ? '200' : '204']: {
          description: 'Success',
          ...(op.response
            ? { content: { 'application/json': { schema: json(op.response) } } }
            : {}),
          ...(op.responseType
            ? { content: { [op.responseType]: { schema: { type: 'string' } } } }
            : {}),
        },
        default: {
          description: 'Error with a stable code and the field at fault',
          content: { 'application/json': { schema: json(errorSchema) } },
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Frontline Playbook API',
      version: `protocol ${PROTOCOL_VERSION}`,
      description:
        'JSON over HTTP. Errors are { error: { code, message, field? } }. See docs/sync.md.',
    },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    paths,
  };
}
