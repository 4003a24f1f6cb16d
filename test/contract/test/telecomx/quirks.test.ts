/**
 * What only TelecomX has, against Prism: the document's `requestId` in every case, `Offers`
 * (x-alias-of: offers) read back as typed `offers`, and the takeover fields. The checks every vendor
 * shares run in test/every-vendor with this vendor's entry (contract.ts).
 */
import { describe, expect, it } from 'vitest';
import { responseCases, validInputs } from '../../src/cases.js';
import { recordingFetch, usePrism } from '../../src/harness.js';
import { loadSpec } from '../../src/workspace.js';
import { contract } from './contract.js';
import { DOCUMENT_REQUEST_ID, withRequestIdExample } from './spec-cases.js';

const spec = withRequestIdExample(loadSpec('telecomx'));
const prism = usePrism('telecomx');
const client = (fetch?: (request: Request) => Promise<Response>) => contract.client({ baseUrl: prism.baseUrl, fetch: fetch ?? globalThis.fetch });

describe('the cases', () => {
  it("use the document's requestId, and the body example `offers` (lower case, as sent)", () => {
    const inputs = validInputs(spec);
    expect(inputs.map((i) => `${i.operationId} (${i.exampleName})`)).toEqual(['updateInternetRequest (offers)']);
    expect(inputs[0]!.input.path).toEqual({ requestId: DOCUMENT_REQUEST_ID });
    expect(Object.keys(inputs[0]!.input.body as object)).toEqual(['offers']);
  });
});

describe('the documented quirks, as Prism serves them', () => {
  it('the 200 example carries its offers under `Offers`, read back as typed `offers`', async () => {
    const success = responseCases(spec).find((c) => c.kind === 'success')!;
    expect(success.value).toHaveProperty('Offers');
    const telecomx = client();
    const data = await telecomx.updateInternetRequest(success.input as Parameters<typeof telecomx.updateInternetRequest>[0], { headers: { Prefer: success.prefer } });
    expect(data).not.toHaveProperty('Offers');
    expect(data.offers).toHaveLength(1);
    expect(data.offers![0]).toMatchObject({ commitment: 36, monthlyCustomer: 700, providerName: 'Nianet' });
  });

  it('a takeover update with both takeover fields passes the client and Prism', async () => {
    const recorder = recordingFetch();
    const body = { takeover: true as const, takeoverCircuit: 'fake347465', takeoverCustomer: '5646756475', installTime: '7_30_TO_12' as const, ipAddresses: 8 as const };
    await client(recorder.fetch).updateInternetRequest({ path: { requestId: DOCUMENT_REQUEST_ID }, body });
    expect(recorder.calls[0]!.status).toBe(200);
    expect(recorder.calls[0]!.responseHeaders?.get('sl-violations')).toBeNull();
    expect(recorder.calls[0]!.body).toStrictEqual(body);
  });
});
