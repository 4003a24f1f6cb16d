// Entry bundled as a Cloudflare Worker: GET /?mock=<mockUrl> answers the results as JSON.
import { runSmoke } from './smoke.js';

export default {
  async fetch(request) {
    const mock = new URL(request.url).searchParams.get('mock');
    return Response.json(await runSmoke(mock));
  },
};
