/**
 * What only InfoCare has, against Prism: an information message that is a success, the 400 that
 * names the missing routing parameters, the object-shaped error message, and string aliases for
 * numeric query parameters. The checks every vendor shares run in test/every-vendor with this
 * vendor's entry (contract.ts).
 */
import type { ApiError } from '@vendor-contracts/runtime';
import { routingParamsNeeded } from '@vendor-contracts/infocare';
import { describe, expect, it } from 'vitest';
import { expectedErrorClass, recordingFetch, rejectionOf, usePrism } from '../../src/harness.js';
import { contract } from './contract.js';

const prism = usePrism('infocare');
const client = (fetch: (request: Request) => Promise<Response>) => contract.client({ baseUrl: prism.baseUrl, fetch });

describe('the documented quirks, as Prism serves them', () => {
  it('sendCompletedEmail resolves to result: true, or to the information message (not an error)', async () => {
    const recorder = recordingFetch();
    const infocare = client(recorder.fetch);
    const body = { guid: 'd647067f-20d4-4ac3-891e-a4549e727bee', email: 'test@example.com' };
    await expect(infocare.sendCompletedEmail({ body }, { headers: { Prefer: 'example=sent' } })).resolves.toStrictEqual({ result: true });
    await expect(infocare.sendCompletedEmail({ body }, { headers: { Prefer: 'example=notSent' } })).resolves.toStrictEqual({
      result: 'Emails are disabled in settings',
    });
  });

  it('getRouting 400 "Not enough data" is a BadRequestError whose parsed body names the missing parameters', async () => {
    const recorder = recordingFetch();
    const error = await rejectionOf(client(recorder.fetch).getRouting({ query: { productType: 'tv' } }, { headers: { Prefer: 'code=400, example=notEnoughData' } }));
    expect(error).toBeInstanceOf(expectedErrorClass(400));
    expect((error as ApiError).body).toStrictEqual({ error: 'Not enough data', data: { paramsNeeded: ['manufacturer', 'serviceType'] } });
    expect((error as Error).message).toBe('infocare.getRouting failed with HTTP 400: Not enough data');
    expect(routingParamsNeeded(error)).toEqual(['manufacturer', 'serviceType']);
  });

  it('getRouting 404 carries the object-shaped error message', async () => {
    const recorder = recordingFetch();
    const error = await rejectionOf(client(recorder.fetch).getRouting(undefined, { headers: { Prefer: 'code=404, example=noCompetence' } }));
    expect(error).toBeInstanceOf(expectedErrorClass(404));
    expect((error as Error).message).toBe("infocare.getRouting failed with HTTP 404: Can't process this case");
    expect(routingParamsNeeded(error)).toBeUndefined();
  });

  it('getRouting sends string aliases for manufacturer and productType, which Prism accepts', async () => {
    const recorder = recordingFetch();
    const routing = await client(recorder.fetch).getRouting({
      query: { originatorType: 'private', bookingType: 'privateToPrivate', manufacturer: 'apple', productType: 'tv', clientPostalCode: '35230', serviceType: 3 },
    });
    expect(routing.servicePartner).toStrictEqual({ id: 1, name: 'InfoCare Workshop SE' });
    const [sent] = recorder.calls;
    expect(sent!.status).toBe(200);
    expect(sent!.responseHeaders?.get('sl-violations')).toBeNull();
    expect(sent!.url.searchParams.get('manufacturer')).toBe('apple');
    expect(sent!.url.searchParams.get('productType')).toBe('tv');
  });
});
