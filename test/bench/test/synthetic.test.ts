import { describe, expect, it } from 'vitest';
import { renameSpec } from '../src/synthetic.js';
import { toJsonSchema } from '../src/ajv.js';

const spec = {
  paths: {
    '/a': { get: { operationId: 'getA', responses: { '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/A' } } } } } } },
  },
  components: {
    schemas: {
      A: { type: 'object', properties: { b: { $ref: '#/components/schemas/B' } }, 'x-assumption': 'kept' },
      B: { type: 'string', example: 'x', description: '#/components/schemas/A is text, not a ref' },
    },
  },
};

describe('renameSpec (synthetic vendors)', () => {
  const renamed = renameSpec(spec, 'V007');
  it('suffixes every operationId and component schema, and every $ref follows', () => {
    expect(renamed.paths['/a'].get.operationId).toBe('getAV007');
    expect(Object.keys(renamed.components.schemas)).toEqual(['AV007', 'BV007']);
    expect(renamed.paths['/a'].get.responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/AV007');
    expect(renamed.components.schemas.AV007.properties.b.$ref).toBe('#/components/schemas/BV007');
  });
  it('leaves text that merely mentions a ref alone, and the input untouched', () => {
    expect(renamed.components.schemas.BV007.description).toBe('#/components/schemas/A is text, not a ref');
    expect(Object.keys(spec.components.schemas)).toEqual(['A', 'B']);
  });
});

describe('toJsonSchema (ajv input)', () => {
  it('points component refs into $defs and drops x- keys and OpenAPI example', () => {
    const schema = toJsonSchema({ $ref: '#/components/schemas/A' }, spec.components.schemas);
    expect(schema.$ref).toBe('#/$defs/A');
    const defs = schema.$defs as Record<string, Record<string, unknown>>;
    expect(defs.A).toEqual({ type: 'object', properties: { b: { $ref: '#/$defs/B' } } });
    expect(defs.B).toEqual({ type: 'string', description: '#/components/schemas/A is text, not a ref' });
  });
});
