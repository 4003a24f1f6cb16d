/**
 * A small hand-written vendor definition (the shape tools/codegen emits) so runtime tests do not
 * depend on any real vendor package.
 */
import { z } from 'zod';
import type { VendorDefinition } from '../../src/index.js';

const Item = z.looseObject({ id: z.int(), name: z.string().max(10), tags: z.array(z.string()).optional() });
const ItemStrict = z.strictObject({ id: z.int(), name: z.string().max(10), tags: z.array(z.string()).optional() });
const Problem = z.looseObject({ error: z.string() });

export const definition = {
  vendor: 'acme',
  servers: { production: 'https://api.acme.test', test: 'https://sandbox.acme.test' },
  securitySchemes: {
    KeyHeader: { type: 'apiKey', in: 'header', name: 'Authorization' },
    KeyQuery: { type: 'apiKey', in: 'query', name: 'key' },
    Bearer: { type: 'http', scheme: 'bearer' },
  },
  operations: {
    getItem: {
      operationId: 'getItem', method: 'GET', path: '/items/{id}', security: [{ KeyHeader: [] }], idempotent: true, credentials: [],
      responseVendorErrors: {}, errorFields: { code: ['/code', '/0/code'], message: ['/error', '/0/error', '/detail/message'] },
      request: { path: z.strictObject({ id: z.int().gte(1) }), query: z.strictObject({ verbose: z.boolean().optional() }) },
      responses: { '200': Item, '404': Problem, default: null },
      strictResponses: { '200': ItemStrict, '404': Problem, default: null },
    },
    listItems: {
      operationId: 'listItems', method: 'GET', path: '/items', security: [{ KeyQuery: [] }], idempotent: true, credentials: [],
      apiVersions: [1, 2, 3], responseVendorErrors: {},
      request: { header: z.strictObject({ 'X-Filter': z.enum(['all', 'mine']).optional() }) },
      responses: { '200': z.array(Item) },
      strictResponses: { '200': z.array(ItemStrict) },
    },
    createItem: {
      operationId: 'createItem', method: 'POST', path: '/items', security: [{ Bearer: [] }], idempotent: false,
      bodyMediaType: 'application/json',
      credentials: [{ in: 'body', name: 'api_key', credential: 'apiKey' }],
      vendorError: { when: { pointer: '/status', pattern: '^ERR_' }, code: '/status', message: '/detail' },
      responseVendorErrors: {},
      request: { body: z.strictObject({ api_key: z.string().regex(/^[a-z0-9-]+$/), name: z.string().max(10), count: z.int().gte(0).lte(5).optional() }) },
      responses: { '200': z.union([Item, z.looseObject({ status: z.string(), detail: z.string().optional() })]), '400': Problem },
      strictResponses: { '200': z.union([ItemStrict, z.strictObject({ status: z.string(), detail: z.string().optional() })]), '400': Problem },
    },
    upsertItem: {
      operationId: 'upsertItem', method: 'POST', path: '/items/{id}/upsert', security: [{ Bearer: [] }], idempotent: true,
      bodyMediaType: 'application/json', credentials: [],
      vendorError: { when: { pointer: '/status', pattern: '^ERR_' }, code: '/status' },
      responseVendorErrors: {},
      request: { path: z.strictObject({ id: z.int().gte(1) }), body: z.strictObject({ name: z.string().max(10) }) },
      responses: { '200': z.union([Item, z.looseObject({ status: z.string() })]) },
      strictResponses: { '200': z.union([ItemStrict, z.strictObject({ status: z.string() })]) },
    },
    token: {
      operationId: 'token', method: 'POST', path: '/token', security: [], idempotent: false,
      bodyMediaType: 'application/x-www-form-urlencoded', credentials: [], responseVendorErrors: {},
      request: { body: z.strictObject({ grant_type: z.literal('password'), username: z.string(), password: z.string() }) },
      responses: { '200': z.looseObject({ access_token: z.string() }) },
      strictResponses: { '200': z.strictObject({ access_token: z.string() }) },
    },
  },
} as const satisfies VendorDefinition;

/** Types in the shape openapi-typescript emits, for the typed methods. */
export interface operations {
  getItem: {
    parameters: { query?: { verbose?: boolean }; header?: never; path: { id: number }; cookie?: never };
    requestBody?: never;
    responses: { 200: { headers: {}; content: { 'application/json': { id: number; name: string; tags?: string[] } } } };
  };
  listItems: {
    parameters: { query?: never; header?: { 'X-Filter'?: 'all' | 'mine' }; path?: never; cookie?: never };
    requestBody?: never;
    responses: { 200: { headers: {}; content: { 'application/json': { id: number; name: string }[] } } };
  };
  createItem: {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    requestBody: { content: { 'application/json': { api_key?: string; name: string; count?: number } } };
    responses: { 200: { headers: {}; content: { 'application/json': { id: number; name: string } } } };
  };
  upsertItem: {
    parameters: { query?: never; header?: never; path: { id: number }; cookie?: never };
    requestBody: { content: { 'application/json': { name: string } } };
    responses: { 200: { headers: {}; content: { 'application/json': { id: number; name: string } } } };
  };
  token: {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    requestBody: { content: { 'application/x-www-form-urlencoded': { grant_type: 'password'; username: string; password: string } } };
    responses: { 200: { headers: {}; content: { 'application/json': { access_token: string } } } };
  };
}
export type paths = Record<string, never>;
