import type { RequestOptions } from '@vendor-contracts/runtime';
import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import { createInfocareClient, type components, type InfocareMethods, type operations, type RoutingResult, type SendCompletedEmailResult } from '../src/index.js';
import { components as looseComponents, strictComponents } from '../src/schemas.js';

type Schemas = components['schemas'];
type Strict<K extends keyof typeof strictComponents> = z.infer<(typeof strictComponents)[K]>;

describe('zod schemas and openapi-typescript types agree', () => {
  it('has one schema per component, both ways', () => {
    expectTypeOf<keyof typeof strictComponents>().toEqualTypeOf<keyof Schemas>();
    expectTypeOf<keyof typeof looseComponents>().toEqualTypeOf<keyof Schemas>();
  });

  it('infers every strict component as its generated type', () => {
    expectTypeOf<Strict<'ApiError'>>().toEqualTypeOf<Schemas['ApiError']>();
    expectTypeOf<Strict<'BookingType'>>().toEqualTypeOf<Schemas['BookingType']>();
    expectTypeOf<Strict<'ContactData'>>().toEqualTypeOf<Schemas['ContactData']>();
    expectTypeOf<Strict<'ErrorMessage'>>().toEqualTypeOf<Schemas['ErrorMessage']>();
    expectTypeOf<Strict<'ErrorResponse'>>().toEqualTypeOf<Schemas['ErrorResponse']>();
    expectTypeOf<Strict<'ExternalRequest'>>().toEqualTypeOf<Schemas['ExternalRequest']>();
    expectTypeOf<Strict<'IdOrAlias'>>().toEqualTypeOf<Schemas['IdOrAlias']>();
    expectTypeOf<Strict<'LogExternalRequestMeta'>>().toEqualTypeOf<Schemas['LogExternalRequestMeta']>();
    expectTypeOf<Strict<'LogExternalRequestRequest'>>().toEqualTypeOf<Schemas['LogExternalRequestRequest']>();
    expectTypeOf<Strict<'LogExternalRequestResponse'>>().toEqualTypeOf<Schemas['LogExternalRequestResponse']>();
    expectTypeOf<Strict<'Originator'>>().toEqualTypeOf<Schemas['Originator']>();
    expectTypeOf<Strict<'RoutingNotEnoughDataResponse'>>().toEqualTypeOf<Schemas['RoutingNotEnoughDataResponse']>();
    expectTypeOf<Strict<'RoutingParamsNeeded'>>().toEqualTypeOf<Schemas['RoutingParamsNeeded']>();
    expectTypeOf<Strict<'RoutingResponse'>>().toEqualTypeOf<Schemas['RoutingResponse']>();
    expectTypeOf<Strict<'RoutingResult'>>().toEqualTypeOf<Schemas['RoutingResult']>();
    expectTypeOf<Strict<'SendCompletedEmailRequest'>>().toEqualTypeOf<Schemas['SendCompletedEmailRequest']>();
    expectTypeOf<Strict<'SendCompletedEmailResponse'>>().toEqualTypeOf<Schemas['SendCompletedEmailResponse']>();
    expectTypeOf<Strict<'SendCompletedEmailResult'>>().toEqualTypeOf<Schemas['SendCompletedEmailResult']>();
    expectTypeOf<Strict<'ServicePartner'>>().toEqualTypeOf<Schemas['ServicePartner']>();
    expectTypeOf<Strict<'ServicePartnerCompetence'>>().toEqualTypeOf<Schemas['ServicePartnerCompetence']>();
    expectTypeOf<Strict<'ServiceProvider'>>().toEqualTypeOf<Schemas['ServiceProvider']>();
    expectTypeOf<Strict<'ServiceProviderCompetence'>>().toEqualTypeOf<Schemas['ServiceProviderCompetence']>();
  });
});

describe('the client as a user sees it', () => {
  const client = createInfocareClient({ baseUrl: 'https://serviceorderhub.com', apiToken: 't' });

  it('has exactly one method per operation', () => {
    expectTypeOf<keyof InfocareMethods>().toEqualTypeOf<keyof operations>();
  });

  it('requires baseUrl and apiToken, and offers no environment', () => {
    // @ts-expect-error baseUrl is required
    createInfocareClient({ apiToken: 't' });
    // @ts-expect-error apiToken is required
    createInfocareClient({ baseUrl: 'https://serviceorderhub.com' });
    // @ts-expect-error the only server is a placeholder, so there is no environment to pick
    createInfocareClient({ baseUrl: 'https://serviceorderhub.com', apiToken: 't', environment: 'custom' });
    // @ts-expect-error credentials come from apiToken
    createInfocareClient({ baseUrl: 'https://serviceorderhub.com', apiToken: 't', credentials: {} });
  });

  it('resolves to the envelope data, not the envelope', () => {
    expectTypeOf(client.getRouting).returns.resolves.toEqualTypeOf<RoutingResult>();
    expectTypeOf(client.sendCompletedEmail).returns.resolves.toEqualTypeOf<{ result: SendCompletedEmailResult }>();
    expectTypeOf(client.logExternalRequest).returns.resolves.toEqualTypeOf<Schemas['ExternalRequest']>();
    expectTypeOf<SendCompletedEmailResult>().toEqualTypeOf<true | string>();
    expectTypeOf(client.call).returns.resolves.toBeUnknown();
  });

  it('takes the inputs a user expects', () => {
    expectTypeOf(client.sendCompletedEmail).parameter(0).toEqualTypeOf<{ body: { guid: string; email?: string | null } }>();
    expectTypeOf(client.logExternalRequest).parameter(0).toEqualTypeOf<{ body: Schemas['LogExternalRequestRequest'] }>();
    expectTypeOf(client.getRouting).parameter(0).toEqualTypeOf<
      | {
          query?: {
            originatorType?: 'private' | 'registered' | 'helpdesk';
            bookingType?: 'companyToCompany' | 'companyToPrivate' | 'privateToPrivate';
            serviceType?: number;
            manufacturer?: number | string;
            productType?: number | string;
            clientPostalCode?: string;
            serviceLocation?: number;
          };
        }
      | undefined
    >();
    expectTypeOf(client.getRouting).parameter(1).toEqualTypeOf<RequestOptions | undefined>();

    client.getRouting();
    client.getRouting({ query: { manufacturer: 1009, productType: 'tv' } });
    // @ts-expect-error the body is required
    client.sendCompletedEmail();
    // @ts-expect-error guid is required
    client.sendCompletedEmail({ body: { email: 'a@b.se' } });
    // @ts-expect-error status is success or error
    client.logExternalRequest({ body: { type: 't', status: 'pending', meta: { caseId: 1 } } });
    // @ts-expect-error manufacturer is an id or an alias
    client.getRouting({ query: { manufacturer: true } });
    // @ts-expect-error routing takes no body
    client.getRouting({ body: {} });
  });
});
