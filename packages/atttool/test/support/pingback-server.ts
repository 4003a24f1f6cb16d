/** A pingback receiver served by node:http on 127.0.0.1 (a port the OS picks), and a raw HTTP client for it. */
import { randomUUID } from 'node:crypto';
import { Agent, createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPingbackReceiver, type PingbackReceiverOptions, toNodeListener } from '../../src/pingback/index.js';

export const SECRET = 'test-master-secret-0123456789abcdef-xyz';

export interface Served {
  origin: string;
  close(): Promise<void>;
}

/** A receiver on 127.0.0.1; without `bindings` it accepts any order under a valid reference. */
export async function serveReceiver(options: Partial<PingbackReceiverOptions> & Pick<PingbackReceiverOptions, 'handler'>): Promise<Served> {
  const receiver = createPingbackReceiver({ secret: SECRET, ...options, bindings: options.bindings ?? false });
  const server: Server = createServer(toNodeListener(receiver));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

export interface Delivery {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export const agent = new Agent({ keepAlive: true, maxSockets: 64 });

/** One request over a real socket; bodies are sent as given (no JSON encoding, no content-type added). */
export function deliver(url: string, delivery: Delivery = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers = { ...delivery.headers };
    // Node sends DELETE/GET bodies unframed unless told their length.
    if (delivery.body !== undefined && !headers['transfer-encoding']) headers['content-length'] = String(Buffer.byteLength(delivery.body));
    const req = httpRequest(url, { method: delivery.method ?? 'POST', headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    // The server may answer (413) and close before it has read everything we write.
    req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' ? undefined : reject(error)));
    if (delivery.body !== undefined) req.end(delivery.body);
    else req.end();
  });
}

export const JSON_HEADERS = { 'content-type': 'application/json' };

/** A payload shaped like the document's example, for a fresh order. */
export function completedPayload(orderId: string = randomUUID()) {
  return {
    order_id: orderId,
    total_cost: '0.25',
    imeis: {
      '359488091564579': { status: 'Unlocked', att_order_num: 'NUL818548439915', note: 'Unlock code is 0959490308474628', refunded: false },
      '359488091497812': { status: 'Rejected', att_order_num: null, note: 'This device has been reported as lost or stolen', refunded: true },
    },
  };
}
