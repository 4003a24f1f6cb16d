/**
 * The `/devices` server of the call-overhead benchmark, run as a child process so its work does
 * not share the client's event loop. Bodies come from the parent over IPC; it answers
 * `/<name>/<any path>` (e.g. `/one/devices`, or `/list-one/models` for an SDK whose list call has
 * its own path) with body `<name>` and reports its port once listening on 127.0.0.1.
 */
import { createServer } from 'node:http';

process.once('message', (message: { bodies: Record<string, string> }) => {
  const bodies = new Map(Object.entries(message.bodies).map(([name, text]) => [name, Buffer.from(text)]));
  const server = createServer((req, res) => {
    const body = bodies.get((req.url ?? '').split('/')[1] ?? '');
    if (!body) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length }).end(body);
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
  });
});
