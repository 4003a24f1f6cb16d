/** A handler-backed fetch that records every request it is given (the way openapi-fetch's own tests do): inject it as `fetch` to test a client without a server. */
export interface Observed {
  fetch: (request: Request) => Promise<Response>;
  requests: Request[];
  bodies: string[];
}

export function observedFetch(handler: (request: Request) => Response | Promise<Response>): Observed {
  const requests: Request[] = [];
  const bodies: string[] = [];
  return {
    requests,
    bodies,
    async fetch(request) {
      requests.push(request);
      bodies.push(request.body ? await request.clone().text() : '');
      return handler(request);
    },
  };
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}
