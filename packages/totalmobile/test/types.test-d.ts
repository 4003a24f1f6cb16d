import type { RequestOptions } from '@vendor-contracts/runtime';
import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import {
  type components,
  createTotalmobileClient,
  type SalesOrder,
  type SalesOrderUpdate,
  type Token,
  type TotalmobileClient,
  type TotalmobileClientOptions,
} from '../src/index.js';
import { strictComponents } from '../src/schemas.js';

type Schemas = components['schemas'];
type Inferred<K extends keyof typeof strictComponents> = z.infer<(typeof strictComponents)[K]>;
/** Type identity (the compiler's own check), usable inside a mapped type. */
type Identical<X, Y> = (<T>() => T extends X ? 1 : 2) extends <T>() => T extends Y ? 1 : 2 ? true : false;
/**
 * The same type written flat: intersections merged into one object (openapi-typescript writes
 * `allOf` as `A & B`, zod as one object) and `readonly` dropped (openapi-typescript marks
 * `readOnly` properties, zod cannot). Optionality, nullability, literals and unions are kept.
 */
type Flat<T> = T extends readonly (infer E)[] ? Flat<E>[] : T extends object ? { -readonly [K in keyof T]: Flat<T[K]> } : T;
type Same<X, Y> = Identical<Flat<X>, Flat<Y>>;

describe('zod schemas and openapi-typescript types agree', () => {
  it('for every component at once (same names, each type identical)', () => {
    expectTypeOf<keyof typeof strictComponents>().toEqualTypeOf<keyof Schemas>();
    expectTypeOf<{ [K in keyof Schemas]: Same<Inferred<K>, Schemas[K]> }>().toEqualTypeOf<{ [K in keyof Schemas]: true }>();
    // Same can fail: an optional field, a nullable one, a wider enum or a missing union branch differ.
    expectTypeOf<Same<{ a: string }, { a?: string }>>().toEqualTypeOf<false>();
    expectTypeOf<Same<{ a: string }, { a: string | null }>>().toEqualTypeOf<false>();
    expectTypeOf<Same<Schemas['OrderStatus'], number>>().toEqualTypeOf<false>();
    expectTypeOf<Same<Schemas['SalesOrderUpdate'], Schemas['SalesOrderAmendment']>>().toEqualTypeOf<false>();
    // ...and it only flattens: allOf is merged the way zod merges it, property by property.
    expectTypeOf<Same<{ a?: number | null } & { a: number }, { a: number }>>().toEqualTypeOf<true>();
  });

  it('components without allOf or readOnly are identical even unflattened', () => {
    type Composed =
      | 'CodeInput'
      | 'RateBookInput'
      | 'SalesOrder'
      | 'SalesOrderAmendment'
      | 'SalesOrderCancellation'
      | 'SalesOrderUpdate'
      | 'SalesOrderWithCustomerDetails'
      | 'SalesOrderWithExistingCustomer'
      | 'CreateSalesOrderResponse'
      | 'GetSalesOrderResponse'
      | 'UserAccount';
    type Plain = Exclude<keyof Schemas, Composed>;
    expectTypeOf<{ [K in Plain]: Identical<Inferred<K>, Schemas[K]> }>().toEqualTypeOf<{ [K in Plain]: true }>();
    // UserAccount.Token is readOnly (returned only): readonly in the TS types, not in zod's.
    expectTypeOf<Schemas['UserAccount']>().toHaveProperty('Token');
    expectTypeOf<Identical<Pick<Schemas['UserAccount'], 'Token'>, { readonly Token?: string | null }>>().toEqualTypeOf<true>();
    expectTypeOf<Identical<Pick<Inferred<'UserAccount'>, 'Token'>, { Token?: string | null | undefined }>>().toEqualTypeOf<true>();
  });

  it('for each component', () => {
    expectTypeOf<Same<Inferred<'Address'>, Schemas['Address']>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Inferred<'Appointment'>, Schemas['Appointment']>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Inferred<'Attribute'>, Schemas['Attribute']>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Inferred<'AttributeItem'>, Schemas['AttributeItem']>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Inferred<'AttributeList'>, Schemas['AttributeList']>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Inferred<'Availability'>, Schemas['Availability']>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Inferred<'AvailabilityByTrade'>, Schemas['AvailabilityByTrade']>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Inferred<'AvailabilityByTradeResponse'>, Schemas['AvailabilityByTradeResponse']>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Inferred<'AvailabilityDays'>, Schemas['AvailabilityDays']>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Inferred<'AvailabilityPlanningWindow'>, Schemas['AvailabilityPlanningWindow']>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Inferred<'AvailabilityResponse'>, Schemas['AvailabilityResponse']>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Inferred<'AvailabilityStatus'>, Schemas['AvailabilityStatus']>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Inferred<'BookSubContractorOrder'>, Schemas['BookSubContractorOrder']>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Inferred<'BookSubContractorOrderResponse'>, Schemas['BookSubContractorOrderResponse']>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Inferred<'BookSubContractorOrderUpdate'>, Schemas['BookSubContractorOrderUpdate']>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Inferred<'BookSubContractorOrderUpdateCode'>, Schemas['BookSubContractorOrderUpdateCode']>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Inferred<'Booking'>, Schemas['Booking']>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Inferred<'BookingResponse'>, Schemas['BookingResponse']>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Inferred<'BookingSummaryResponse'>, Schemas['BookingSummaryResponse']>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Inferred<'Code'>, Schemas['Code']>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Inferred<'CodeInput'>, Schemas['CodeInput']>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Inferred<'CodeList'>, Schemas['CodeList']>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Inferred<'Contact'>, Schemas['Contact']>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Inferred<'ContactPreference'>, Schemas['ContactPreference']>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Inferred<'ContractorType'>, Schemas['ContractorType']>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Inferred<'CreateJobCodeResponse'>, Schemas['CreateJobCodeResponse']>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Inferred<'CreateSalesOrderResponse'>, Schemas['CreateSalesOrderResponse']>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Inferred<'Customer'>, Schemas['Customer']>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Inferred<'CustomerAddress'>, Schemas['CustomerAddress']>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Inferred<'CustomerContact'>, Schemas['CustomerContact']>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Inferred<'CustomerModel'>, Schemas['CustomerModel']>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Inferred<'CustomerReference'>, Schemas['CustomerReference']>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Inferred<'EmptyObject'>, Schemas['EmptyObject']>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Inferred<'ErrorResponse'>, Schemas['ErrorResponse']>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Inferred<'GetSalesOrderResponse'>, Schemas['GetSalesOrderResponse']>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Inferred<'InternalId'>, Schemas['InternalId']>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Inferred<'InvoiceAddress'>, Schemas['InvoiceAddress']>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Inferred<'JobCode'>, Schemas['JobCode']>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Inferred<'LocalDateTime'>, Schemas['LocalDateTime']>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Inferred<'MessagingPreference'>, Schemas['MessagingPreference']>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Inferred<'NameValuePair'>, Schemas['NameValuePair']>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Inferred<'OrderContact'>, Schemas['OrderContact']>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Inferred<'OrderContractorType'>, Schemas['OrderContractorType']>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Inferred<'OrderSource'>, Schemas['OrderSource']>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Inferred<'OrderStatus'>, Schemas['OrderStatus']>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Inferred<'PaymentTerms'>, Schemas['PaymentTerms']>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Inferred<'PlanningWindow'>, Schemas['PlanningWindow']>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Inferred<'PlanningWindowList'>, Schemas['PlanningWindowList']>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Inferred<'PurchaseInvoice'>, Schemas['PurchaseInvoice']>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Inferred<'PurchaseInvoiceCategory'>, Schemas['PurchaseInvoiceCategory']>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Inferred<'PurchaseInvoiceLine'>, Schemas['PurchaseInvoiceLine']>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Inferred<'RateBook'>, Schemas['RateBook']>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Inferred<'RateBookInput'>, Schemas['RateBookInput']>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Inferred<'RateBookList'>, Schemas['RateBookList']>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Inferred<'ResponseCallback'>, Schemas['ResponseCallback']>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Inferred<'SalesOrder'>, Schemas['SalesOrder']>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Inferred<'SalesOrderAmendment'>, Schemas['SalesOrderAmendment']>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Inferred<'SalesOrderCancellation'>, Schemas['SalesOrderCancellation']>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Inferred<'SalesOrderCreatedVersion2'>, Schemas['SalesOrderCreatedVersion2']>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Inferred<'SalesOrderFields'>, Schemas['SalesOrderFields']>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Inferred<'SalesOrderNotFound'>, Schemas['SalesOrderNotFound']>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Inferred<'SalesOrderUpdate'>, Schemas['SalesOrderUpdate']>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Inferred<'SalesOrderUpdateFields'>, Schemas['SalesOrderUpdateFields']>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Inferred<'SalesOrderWithCustomerDetails'>, Schemas['SalesOrderWithCustomerDetails']>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Inferred<'SalesOrderWithExistingCustomer'>, Schemas['SalesOrderWithExistingCustomer']>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Inferred<'Token'>, Schemas['Token']>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Inferred<'TokenError'>, Schemas['TokenError']>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Inferred<'TokenRequest'>, Schemas['TokenRequest']>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Inferred<'UserAccount'>, Schemas['UserAccount']>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Inferred<'VisitResultType'>, Schemas['VisitResultType']>>().toEqualTypeOf<true>();
    expectTypeOf<Same<Inferred<'VisitStatus'>, Schemas['VisitStatus']>>().toEqualTypeOf<true>();
  });
});

declare const tm: TotalmobileClient;

describe('method inputs', () => {
  it('getToken takes only the grant type: username and password come from the client options', () => {
    expectTypeOf(tm.getToken).parameters.toEqualTypeOf<[input: { body: { grant_type: string } }, options?: RequestOptions]>();
    expectTypeOf<Awaited<ReturnType<typeof tm.getToken>>>().toEqualTypeOf<Token>();
    // @ts-expect-error the password is the client's, never the caller's
    void tm.getToken({ body: { grant_type: 'password', password: 'secret' } });
  });

  it('createSalesOrder takes the SalesOrder (full customer, or a reference with UseExistingCustomerDetails: true)', () => {
    expectTypeOf<Same<Parameters<typeof tm.createSalesOrder>[0]['body'], SalesOrder>>().toEqualTypeOf<true>();
    expectTypeOf<Parameters<typeof tm.createSalesOrder>[1]>().toEqualTypeOf<RequestOptions | undefined>();
    const order = { PrimaryOrderNumber: 'ORD-1', ContractExternalId: 'CON-1', TargetDateUTC: '2021-03-31', PriorityExternalId: 'P1', JobDescription: 'Leak' };
    expectTypeOf(tm.createSalesOrder).toBeCallableWith({ body: { ...order, UseExistingCustomerDetails: true, Customer: { ExternalId: 'C', OrganisationExternalId: 'O' } } });
    // @ts-expect-error without UseExistingCustomerDetails: true the customer needs PrimaryContact and PrimaryAddress
    void tm.createSalesOrder({ body: { ...order, Customer: { ExternalId: 'C', OrganisationExternalId: 'O' } } });
  });

  it('updateSalesOrder: OrderStatus 11 requires CancelReason', () => {
    expectTypeOf<Same<Parameters<typeof tm.updateSalesOrder>[0]['body'], SalesOrderUpdate>>().toEqualTypeOf<true>();
    expectTypeOf(tm.updateSalesOrder).toBeCallableWith({ body: { PrimaryOrderNumber: 'O', ContractExternalId: 'C', OrderStatus: 11, CancelReason: 'Tenant request' } });
    expectTypeOf(tm.updateSalesOrder).toBeCallableWith({ body: { PrimaryOrderNumber: 'O', ContractExternalId: 'C', JobDescription: 'Leak' } });
    // @ts-expect-error CancelReason is required when OrderStatus is 11
    void tm.updateSalesOrder({ body: { PrimaryOrderNumber: 'O', ContractExternalId: 'C', OrderStatus: 11 } });
  });

  it('getSalesOrder takes both identifying query parameters and may resolve to null', () => {
    expectTypeOf(tm.getSalesOrder).parameters.toEqualTypeOf<[input: { query: { PrimaryOrderNumber: string; ContractExternalId: string } }, options?: RequestOptions]>();
    expectTypeOf<Same<Awaited<ReturnType<typeof tm.getSalesOrder>>, SalesOrder | null>>().toEqualTypeOf<true>();
    expectTypeOf<null>().toExtend<Awaited<ReturnType<typeof tm.getSalesOrder>>>();
  });

  it('path parameters: orderId is a number, JobCode id a string; listPlanningWindows needs no input', () => {
    expectTypeOf(tm.getOrderAttributes).parameters.toEqualTypeOf<[input: { path: { orderId: number } }, options?: RequestOptions]>();
    expectTypeOf(tm.getJobCode).parameters.toEqualTypeOf<[input: { path: { id: string } }, options?: RequestOptions]>();
    expectTypeOf(tm.listPlanningWindows).parameters.toEqualTypeOf<[input?: {}, options?: RequestOptions]>();
  });

  it('per-call API version', () => {
    expectTypeOf(tm.createSalesOrder).toBeCallableWith({ body: {} as SalesOrder }, { apiVersion: 2 });
  });
});

describe('client options', () => {
  it("username and password are required strings; environment is the spec's", () => {
    expectTypeOf<TotalmobileClientOptions['username']>().toEqualTypeOf<string>();
    expectTypeOf<TotalmobileClientOptions['password']>().toEqualTypeOf<string>();
    expectTypeOf<TotalmobileClientOptions['environment']>().toEqualTypeOf<'qa' | undefined>();
    expectTypeOf(createTotalmobileClient).toBeCallableWith({ username: 'u', password: 'p', baseUrl: 'https://x.test' });
    // @ts-expect-error password is required
    void createTotalmobileClient({ username: 'u' });
    // @ts-expect-error credentials are built from username and password
    void createTotalmobileClient({ username: 'u', password: 'p', credentials: {} });
  });
});
