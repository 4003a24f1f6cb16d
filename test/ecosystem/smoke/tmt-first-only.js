// What an app that needs one vendor writes: the bundlers' isolation check bundles this and looks
// for any other vendor in the output; running the bundle makes validated calls, one of them with
// `onUnknownFields`, which loads the zod schemas through the bundle's dynamic import() chunk.
import { RequestValidationError } from '@vendor-contracts/sdk/runtime';
import { createTmtFirstClient } from '@vendor-contracts/sdk/tmt-first';

export async function tmtFirstCall(mockUrl) {
  const tmt = createTmtFirstClient({ apiKey: 'smoke-key', baseUrl: `${mockUrl}/tmt-first/ok` });
  const { connect_id } = await tmt.prealert({
    body: { customer_reference: '0-ref1', make: 'Samsung', job_description: 'Broken screen', ra_flag: 0, return_address: null },
  });
  let rejected = false;
  try {
    // The document allows ra_flag 0 or 1 only: refused before anything is sent.
    await tmt.prealert({ body: { customer_reference: '0-ref1', make: 'Samsung', job_description: 'Broken screen', ra_flag: 2, return_address: null } });
  } catch (error) {
    rejected = error instanceof RequestValidationError;
  }
  const events = [];
  const watching = createTmtFirstClient({ apiKey: 'smoke-key', baseUrl: `${mockUrl}/tmt-first/ok`, hooks: { onUnknownFields: (e) => events.push(e) } });
  const watched = (await watching.prealert({ body: { customer_reference: '0-ref1', make: 'Samsung', job_description: 'Broken screen', ra_flag: 0, return_address: null } }))
    .connect_id;
  return { connect_id, rejected, watched };
}
globalThis.tmtFirstCall = tmtFirstCall;
