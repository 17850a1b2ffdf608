import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import { secureHeaders } from 'hono/secure-headers';
import { HTTPException } from 'hono/http-exception';
import { ERROR_CODES } from '../../../shared/index.ts';
import type { Services } from '../services/index.ts';
import { authRoutes } from '../routes/auth.ts';
import { syncRoutes } from '../routes/sync.ts';
import { auditRoutes } from '../routes/audit.ts';
import { approvalRoutes } from '../routes/approvals.ts';
import { photoRoutes } from '../routes/photos.ts';
import { AppError } from './app-error.ts';
import type { AppEnv } from './env.ts';
import { openApiDocument } from './openapi.ts';
import { mountStatic } from './static.ts';
import type { Logger } from '../logger.ts';

export interface AppOptions {
  readonly serveWeb?: boolean;
  readonly logger?: Logger;
}

/** The whole HTTP app. Tests call `app.request()` on it without opening a port. */
export function createApp(services: Services, options: AppOptions = {}): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const openApi = openApiDocument();

  app.use('*', async (c, next) => {
    c.set('services', services);
    await next();
  });
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
      },
      strictTransportSecurity: 'max-age=31536000; includeSubDomains',
      referrerPolicy: 'no-referrer',
    }),
  );
  app.use('*', compress());
  // Before the body limit, so that its 413 is not cacheable either.
  app.use('/api/*', async (c, next) => {
    await next();
    // A route that says how its answer may be kept (a photo, immutable under its id) keeps that.
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
  });
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: services.config.bodyLimitBytes,
      onError: () => {
        throw new AppError(
          413,
          ERROR_CODES.payloadTooLarge,
          `body: larger than ${services.config.bodyLimitBytes} bytes`,
          'body',
        );
      },
    }),
  );

  app.get('/api/health', async (c) => {
    await services.store.getMeta('seeded');
    return c.json({ ok: true, database: services.store.dialect });
  });
  app.get('/api/openapi.json', (c) => c.json(openApi));
  app.route('/api', authRoutes);
  app.route('/api', syncRoutes);
  app.route('/api', auditRoutes);
  app.route('/api', approvalRoutes);
  app.route('/api', photoRoutes);
  app.all('/api/*', (c) => {
    throw new AppError(404, ERROR_CODES.notFound, `No endpoint ${c.req.method} ${c.req.path}`);
  });

  if (options.serveWeb) mountStatic(app);

  app.onError((err, c) => {
    if (err instanceof AppError) {
      for (const [k, v] of Object.entries(err.headers)) c.header(k, v);
      return c.json(err.toBody(), err.status);
    }
    if (err instanceof HTTPException) {
      return c.json(
        { error: { code: ERROR_CODES.validation, message: err.message || 'Bad request' } },
        err.status,
      );
    }
    options.logger?.error('unhandled error', {
      path: c.req.path,
      err: String(err),
      stack: (err as Error).stack,
    });
    return c.json(
      {
        error: {
          code: ERROR_CODES.internal,
          message: 'Something went wrong on the server; nothing was lost, try again',
        },
      },
      500,
    );
  });
  return app;
}
