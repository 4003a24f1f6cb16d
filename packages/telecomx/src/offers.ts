/**
 * TelecomX spells the offer list two ways: its request example and table rows say `offers`, its
 * response example (and table heading) says `Offers`. The client sends `offers` (the only key the
 * request schema accepts) and accepts either key in a response, both typed as `Offer[]`.
 */
import type { components } from './generated/types.js';

type InternetRequest = components['schemas']['InternetRequest'];
type Offer = components['schemas']['Offer'];

/**
 * The offers of a returned Internet Request, whichever spelling the server used: `Offers` (as in
 * the document's response example) first, then `offers`; `[]` when neither holds a list
 * (properties holding no value may be omitted, or be null).
 */
export function offersOf(request: Pick<InternetRequest, 'Offers' | 'offers'>): Offer[] {
  return request.Offers ?? request.offers ?? [];
}
