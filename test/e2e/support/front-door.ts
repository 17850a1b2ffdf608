import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A front door to the server that can publish a new version of the app. Everything passes
 * through untouched until `publishNewVersion()`; from then on `/sw.js` answers the same script
 * with one more line, which is what makes a browser install a new version. (A browser checks the
 * worker script itself, outside any page, so a page-level route cannot stand in for this.)
 */
export interface FrontDoor {
  /** `http://127.0.0.1:port`: open the app here instead of at the server. */
  readonly baseUrl: string;
  publishNewVersion(): void;
  close(): Promise<void>;
}

export async function startFrontDoor(serverUrl: string): Promise<FrontDoor> {
  let version = 1;
  const door = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', serverUrl);
    const isNewWorker = url.pathname === '/sw.js' && version > 1;
    const headers = { ...req.headers, host: url.host };
    if (isNewWorker) {
      // Plain bytes to add a line to, and no "not modified" for a script that changed.
      delete headers['accept-encoding'];
      delete headers['if-none-match'];
      delete headers['if-modified-since'];
    }
    const upstream = http.request(url, { method: req.method, headers }, (answer) => {
      if (!isNewWorker) {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        return;
      }
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('error', () => res.destroy());
      answer.on('end', () => {
        const body = Buffer.concat([...chunks, Buffer.from(`\n// version ${version}\n`)]);
        const {
          etag: _etag,
          'last-modified': _modified,
          'transfer-encoding': _encoding,
          connection: _connection,
          ...rest
        } = answer.headers;
        res.writeHead(answer.statusCode ?? 502, { ...rest, 'content-length': body.length });
        res.end(body);
      });
    });
    upstream.on('error', () => res.destroy());
    // The browser went away (a reload, say): so does the request it made, a held watch included.
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => door.listen(0, '127.0.0.1', resolve));
  const { port } = door.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    publishNewVersion() {
      version += 1;
    },
    close: () =>
      new Promise((resolve) => {
        door.closeAllConnections();
        door.close(() => resolve());
      }),
  };
}
