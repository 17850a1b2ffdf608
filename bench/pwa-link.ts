import net from 'node:net';

/** A field link: round-trip time and bandwidth each way (product.md §5: an old phone, poor signal). */
export interface LinkProfile {
  readonly rttMs: number;
  readonly downKbitPerS: number;
  readonly upKbitPerS: number;
}

export const FIELD_LINK: LinkProfile = { rttMs: 300, downKbitPerS: 400, upKbitPerS: 100 };

export interface ThrottledLink {
  /** `http://127.0.0.1:port`: point the client here instead of at the server. */
  readonly url: string;
  /** Bytes carried so far, TCP payload including HTTP headers. */
  readonly bytes: { up: number; down: number };
  resetCounters(): void;
  /** Closes every open connection, as losing the signal does: the next request dials again. */
  dropConnections(): void;
  /** Off: a plain loopback proxy, to set the scene quickly; on: the field link. */
  setThrottled(isThrottled: boolean): void;
  close(): Promise<void>;
}

/** Pieces no larger than a few TCP segments, so a big write trickles out as it would on the air. */
const PIECE = 4 * 1460;

/**
 * One direction of the link, shared by every connection: a piece leaves once the link has sent
 * everything before it (serialisation at the bottleneck rate) and arrives half an RTT later.
 */
class Direction {
  private busyUntil = 0;
  bytes = 0;
  isThrottled = true;

  constructor(
    private readonly bitsPerMs: number,
    private readonly oneWayMs: number,
  ) {}

  /** When a piece handed over now arrives at the far end. */
  schedule(size: number): number {
    this.bytes += size;
    if (!this.isThrottled) return Math.max(performance.now(), this.busyUntil);
    const start = Math.max(performance.now(), this.busyUntil);
    this.busyUntil = start + (size * 8) / this.bitsPerMs;
    return this.busyUntil + this.oneWayMs;
  }
}

/** The pieces of one connection in one direction, delivered strictly in order. */
class Conveyor {
  private readonly queue: { at: number; piece: Buffer | null }[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly direction: Direction,
    private readonly to: net.Socket,
  ) {}

  push(chunk: Buffer): void {
    for (let i = 0; i < chunk.length; i += PIECE) {
      const piece = chunk.subarray(i, i + PIECE);
      this.queue.push({ at: this.direction.schedule(piece.length), piece });
    }
    this.pump();
  }

  /** The far end closes once everything sent before the close has arrived. */
  end(): void {
    const last = this.queue.at(-1)?.at ?? performance.now();
    this.queue.push({ at: last, piece: null });
    this.pump();
  }

  private pump(): void {
    if (this.timer !== null) return;
    const now = performance.now();
    while (this.queue.length > 0 && (this.queue[0]?.at ?? Infinity) <= now) {
      const { piece } = this.queue.shift() as { at: number; piece: Buffer | null };
      if (piece === null) this.to.end();
      else if (!this.to.destroyed) this.to.write(piece);
    }
    const head = this.queue[0];
    if (head) {
      this.timer = setTimeout(
        () => {
          this.timer = null;
          this.pump();
        },
        Math.max(0, head.at - now),
      );
    }
  }

  stop(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.queue.length = 0;
  }
}

/**
 * A TCP proxy on loopback that behaves like a slow mobile link in front of `target`: half the
 * RTT each way, the bandwidth of each direction shared by all connections, and one RTT for the
 * TCP handshake of every new connection (keep-alive matters on a real link, so it does here).
 */
export async function startThrottledLink(
  targetPort: number,
  profile: LinkProfile = FIELD_LINK,
): Promise<ThrottledLink> {
  const oneWay = profile.rttMs / 2;
  const up = new Direction(profile.upKbitPerS, oneWay);
  const down = new Direction(profile.downKbitPerS, oneWay);
  const sockets = new Set<net.Socket>();

  const server = net.createServer({ noDelay: true }, (client) => {
    sockets.add(client);
    client.pause();
    const upstream = new net.Socket();
    sockets.add(upstream);
    const toServer = new Conveyor(up, upstream);
    const toClient = new Conveyor(down, client);
    const teardown = () => {
      toServer.stop();
      toClient.stop();
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', teardown);
    upstream.on('error', teardown);
    client.on('close', () => sockets.delete(client));
    upstream.on('close', () => sockets.delete(upstream));
    const handshake = setTimeout(
      () => {
        upstream.connect({ port: targetPort, host: '127.0.0.1', noDelay: true }, () => {
          client.on('data', (chunk: Buffer) => toServer.push(chunk));
          client.on('end', () => toServer.end());
          upstream.on('data', (chunk: Buffer) => toClient.push(chunk));
          upstream.on('end', () => toClient.end());
          client.resume();
        });
      },
      up.isThrottled ? profile.rttMs : 0,
    );
    client.on('close', () => clearTimeout(handshake));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    bytes: {
      get up() {
        return up.bytes;
      },
      get down() {
        return down.bytes;
      },
    },
    resetCounters() {
      up.bytes = 0;
      down.bytes = 0;
    },
    dropConnections() {
      for (const socket of sockets) socket.destroy();
      sockets.clear();
    },
    setThrottled(isThrottled) {
      up.isThrottled = isThrottled;
      down.isThrottled = isThrottled;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
