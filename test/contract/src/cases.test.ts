/** The case builders on a small made-up spec: what they build, and what they refuse. */
import { describe, expect, it } from 'vitest';
import { invalidInputCases, listOperations, type OpenApiDocument, requiresCredentials, responseCases, validInputs, vendorErrorOf } from './cases.js';

function makeSpec(): OpenApiDocument {
  return {
    openapi: '3.1.0',
    security: [{ Key: [] }],
    paths: {
      '/items/{id}': {
        parameters: [{ $ref: '#/components/parameters/Id' }],
        get: {
          operationId: 'getItem',
          parameters: [
            { name: 'expand', in: 'query', schema: { type: 'boolean' }, example: true },
            { name: 'trace', in: 'header', schema: { type: 'string' } },
            { name: 'token', in: 'query', required: true, 'x-credential': 'apiKey', schema: { type: 'string' } },
          ],
          'x-invalid-examples': [
            { summary: 'id missing', in: 'path', name: 'id', value: null },
            { summary: 'expand   not a\n boolean', in: 'query', name: 'expand', value: 'yes' },
          ],
          responses: {
            '200': {
              description: 'ok',
              content: { 'application/json': { examples: { one: { value: { id: 1 } }, two: { $ref: '#/components/examples/Two' } } } },
            },
            '404': { $ref: '#/components/responses/NotFound' },
            '204': { description: 'nothing' },
          },
        },
        post: {
          operationId: 'createItem',
          security: [{}],
          requestBody: {
            required: true,
            content: { 'application/json': { examples: { a: { value: { name: 'a' } }, b: { value: { name: 'b' } } } } },
          },
          'x-invalid-examples': [{ summary: 'no name', in: 'body', value: {} }],
          responses: { '201': { description: 'made', content: { 'application/json': { schema: { type: 'object' } } } } },
        },
      },
    },
    components: {
      parameters: { Id: { name: 'id', in: 'path', required: true, schema: { type: 'integer' }, examples: { seven: { value: 7 } } } },
      examples: { Two: { value: { id: 2 } } },
      responses: {
        NotFound: { description: 'missing', content: { 'application/json': { examples: { gone: { value: { error: 'gone' } } } } } },
      },
    },
  };
}

describe('listOperations', () => {
  it('merges path-level parameters, resolves $refs and reads the effective security', () => {
    const [getItem, createItem] = listOperations(makeSpec());
    expect(getItem).toMatchObject({ operationId: 'getItem', method: 'GET', path: '/items/{id}' });
    expect(getItem!.parameters.map((p) => `${String(p.in)}:${String(p.name)}`)).toEqual(['path:id', 'query:expand', 'header:trace', 'query:token']);
    expect(getItem!.responses['404']).toMatchObject({ description: 'missing' });
    expect(requiresCredentials(getItem!)).toBe(true);
    expect(requiresCredentials(createItem!)).toBe(false);
  });

  it('refuses duplicate operationIds and external $refs', () => {
    const dup = makeSpec();
    (dup.paths as Record<string, Record<string, { operationId: string }>>)['/items/{id}']!.post!.operationId = 'getItem';
    expect(() => listOperations(dup)).toThrow(/duplicate operationId "getItem"/);
    const external = makeSpec();
    (external.paths as Record<string, unknown>)['/x'] = { $ref: 'other.yaml#/paths/x' };
    expect(() => listOperations(external)).toThrow(/only local \$refs/);
  });
});

describe('validInputs', () => {
  it('takes parameter examples, skips credentials and optional parameters without one, and makes one input per body example', () => {
    expect(validInputs(makeSpec())).toEqual([
      { operationId: 'getItem', exampleName: undefined, input: { path: { id: 7 }, query: { expand: true } } },
      // path-level parameters belong to every operation of the path
      { operationId: 'createItem', exampleName: 'a', input: { path: { id: 7 }, body: { name: 'a' } } },
      { operationId: 'createItem', exampleName: 'b', input: { path: { id: 7 }, body: { name: 'b' } } },
    ]);
  });

  it('refuses a required parameter or body without an example', () => {
    const noParam = makeSpec();
    delete (noParam.components as Record<string, Record<string, Record<string, unknown>>>).parameters!.Id!.examples;
    expect(() => validInputs(noParam)).toThrow(/required path parameter "id" has no example/);
    const noBody = makeSpec();
    const post = (noBody.paths as Record<string, Record<string, Record<string, Record<string, unknown>>>>)['/items/{id}']!.post!;
    post.requestBody = { required: true, content: { 'application/json': { schema: { type: 'object' } } } };
    expect(() => validInputs(noBody)).toThrow(/createItem: the request body is required but has no example/);
  });
});

describe('responseCases', () => {
  it('makes one case per status and named example, with the Prefer header that selects it', () => {
    // status keys come in numeric order (JavaScript orders integer-like keys)
    const cases = responseCases(makeSpec()).map(({ input: _input, ...rest }) => rest);
    expect(cases).toEqual([
      { operationId: 'getItem', status: 200, exampleName: 'one', value: { id: 1 }, kind: 'success', body: 'example', prefer: 'code=200, example=one' },
      { operationId: 'getItem', status: 200, exampleName: 'two', value: { id: 2 }, kind: 'success', body: 'example', prefer: 'code=200, example=two' },
      { operationId: 'getItem', status: 204, exampleName: undefined, value: undefined, kind: 'success', body: 'none', prefer: 'code=204' },
      { operationId: 'getItem', status: 404, exampleName: 'gone', value: { error: 'gone' }, kind: 'error', body: 'example', prefer: 'code=404, example=gone' },
      { operationId: 'createItem', status: 201, exampleName: undefined, value: undefined, kind: 'success', body: 'generated', prefer: 'code=201' },
    ]);
    expect(responseCases(makeSpec())[3]!.input).toEqual({ path: { id: 7 }, query: { expand: true } });
  });

  it('refuses status ranges and default, which Prism cannot be asked for', () => {
    const spec = makeSpec();
    const get = (spec.paths as Record<string, Record<string, Record<string, Record<string, unknown>>>>)['/items/{id}']!.get!;
    get.responses!['4XX'] = { description: 'any client error' };
    expect(() => responseCases(spec)).toThrow(/getItem: response "4XX"/);
  });
});

describe('vendorErrorOf', () => {
  const rule = { when: { pointer: '/result/state', pattern: '^ERR_' }, code: '/result/code' };

  it("reads the document's x-vendor-error rule: a matching marker is an error with the code at `code`", () => {
    const spec: OpenApiDocument = { ...makeSpec(), 'x-vendor-error': rule };
    const op = listOperations(spec)[0]!;
    expect(vendorErrorOf(spec, op, { result: { state: 'ERR_QUOTA', code: 'Q1' } })).toEqual({ code: 'Q1' });
    expect(vendorErrorOf(spec, op, { result: { state: 'OK', code: 'Q1' } })).toBeUndefined();
    expect(vendorErrorOf(spec, op, { result: { state: 7 } })).toBeUndefined();
    expect(vendorErrorOf(makeSpec(), op, { result: { state: 'ERR_QUOTA' } })).toBeUndefined();
  });

  it("an operation's own rule wins over the document's; without `code` the error has none", () => {
    const spec: OpenApiDocument = { ...makeSpec(), 'x-vendor-error': rule };
    const paths = spec.paths as Record<string, Record<string, Record<string, unknown>>>;
    paths['/items/{id}']!.get!['x-vendor-error'] = { when: { pointer: '/failed', pattern: '^yes$' } };
    const [get, create] = listOperations(spec);
    expect(vendorErrorOf(spec, get!, { failed: 'yes', result: { state: 'ERR_X', code: 'C' } })).toEqual({ code: undefined });
    expect(vendorErrorOf(spec, get!, { result: { state: 'ERR_X', code: 'C' } })).toBeUndefined();
    expect(vendorErrorOf(spec, create!, { result: { state: 'ERR_X', code: 'C' } })).toEqual({ code: 'C' });
  });
});

describe('invalidInputCases', () => {
  it('applies each entry to the first valid input (null removes the parameter)', () => {
    expect(invalidInputCases(makeSpec())).toEqual([
      { operationId: 'getItem', summary: 'id missing', in: 'path', name: 'id', value: null, input: { path: {}, query: { expand: true } } },
      { operationId: 'getItem', summary: 'expand not a boolean', in: 'query', name: 'expand', value: 'yes', input: { path: { id: 7 }, query: { expand: 'yes' } } },
      { operationId: 'createItem', summary: 'no name', in: 'body', name: undefined, value: {}, input: { path: { id: 7 }, body: {} } },
    ]);
  });

  it('refuses entries that do not follow the documented shape', () => {
    const bad = (entry: unknown) => {
      const spec = makeSpec();
      (spec.paths as Record<string, Record<string, Record<string, unknown>>>)['/items/{id}']!.get!['x-invalid-examples'] = [entry];
      return () => invalidInputCases(spec);
    };
    expect(bad({ summary: 's', in: 'cookie', name: 'c', value: 1 })).toThrow(/"in" must be body, query, path or header/);
    expect(bad({ summary: 's', in: 'query', value: 1 })).toThrow(/needs "name"/);
    expect(bad({ summary: 's', in: 'query', name: 'nope', value: 1 })).toThrow(/declares no query parameter "nope"/);
    expect(bad({ in: 'body', value: {} })).toThrow(/no summary/);
    expect(bad({ summary: 's', in: 'body' })).toThrow(/no value/);
  });
});
