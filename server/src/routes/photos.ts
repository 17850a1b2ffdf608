import { Hono } from 'hono';
import { ERROR_CODES, MAX_PHOTO_BYTES, PHOTO_SHA256_HEADER } from '../../../shared/index.ts';
import { AppError } from '../http/app-error.ts';
import { requireAuth } from '../http/auth-middleware.ts';
import type { AppEnv } from '../http/env.ts';
import { readPhoto, storePhoto } from '../services/photos.ts';

const tooLarge = () =>
  new AppError(
    413,
    ERROR_CODES.payloadTooLarge,
    `body: a photo may be at most ${MAX_PHOTO_BYTES} bytes`,
    'body',
  );

/**
 * Photos of risk incidents (docs/sync.md SY20): the device PUTs the raw bytes before it pushes
 * the incident that names them; whoever may see the incident GETs them.
 */
export const photoRoutes = new Hono<AppEnv>()
  .use('/photos/*', requireAuth)
  .put('/photos/:id', async (c) => {
    const encoding = c.req.header('content-encoding')?.trim().toLowerCase();
    if (encoding && encoding !== 'identity') {
      throw new AppError(
        415,
        ERROR_CODES.validation,
        'content-encoding: a photo is sent as it is (it is compressed already)',
        'content-encoding',
      );
    }
    // Refused before reading when the sender says how long it is.
    if (Number(c.req.header('content-length') ?? 0) > MAX_PHOTO_BYTES) throw tooLarge();
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    const { store, clock } = c.var.services;
    const receipt = await storePhoto(store, clock, c.var.principal, {
      id: c.req.param('id'),
      contentType: c.req.header('content-type'),
      sha256: c.req.header(PHOTO_SHA256_HEADER),
      bytes,
    });
    return c.json(receipt);
  })
  .get('/photos/:id', async (c) => {
    const { store } = c.var.services;
    const photo = await readPhoto(store, c.var.principal, c.req.param('id'));
    // A photo never changes under its id: the browser may keep it, for this user only.
    c.header('Cache-Control', 'private, max-age=31536000, immutable');
    c.header('ETag', `"${photo.sha256}"`);
    return c.body(photo.bytes.slice().buffer, 200, { 'Content-Type': photo.contentType });
  });
