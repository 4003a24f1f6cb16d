/**
 * The load balancer in front of the fleet: each request goes to the next receiver in turn
 * (round robin). A receiver that is down or drops the connection is a 502, which the vendor
 * treats like any failure: it redelivers.
 */
import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Proxy {
  origin: string;
  close(): Promise<void>;
}

export async function startRoundRobinProxy(ports: readonly number[]): Promise<Proxy> {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  let next = 0;
  const server: Server = createServer((req, res) => {
    const port = ports[next++ % ports.length]!;
    const upstream = request({ host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers, agent, timeout: 30_000 }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
      answer.once('error', () => res.destroy());
    });
    const fail = () => {
      upstream.destroy();
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' }).end('receiver unavailable');
      else res.destroy();
    };
    upstream.once('error', fail);
    upstream.once('timeout', fail);
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
