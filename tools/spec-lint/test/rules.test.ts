/**
 * Each of our rules (and each built-in rule we raised to an error) fails on a small bad spec and is
 * silent on the good one; the five real specs pass.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { type Finding, isFailing, lintSpec } from '../src/lint.js';

const scratch = mkdtempSync(join(tmpdir(), 'spec-lint-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const OPERATIONS = { vendors: { acme: { operations: [{ operationId: 'getWidget', method: 'GET', path: '/widgets/{id}' }] } } };

/** A small spec that every rule accepts. */
function goodSpec(): Record<string, any> {
  return {
    openapi: '3.1.0',
    info: { title: 'Acme', version: '1.0.0', description: 'Widgets.' },
    servers: [{ url: 'https://api.acme.test', 'x-environment': 'production' }],
    security: [{ apiKey: [] }],
    tags: [{ name: 'widgets', description: 'Widgets.' }],
    paths: {
      '/widgets/{id}': {
        get: {
          operationId: 'getWidget',
          summary: 'Get a widget',
          description: 'One widget by id.',
          tags: ['widgets'],
          'x-assumption': 'Ids are opaque strings.',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            '200': {
              description: 'The widget',
              content: {
                'application/json': {
                  schema: { $ref: '#/components/schemas/Widget' },
                  examples: { one: { summary: 'A widget', value: { id: 'w1', size: 3 } } },
                },
              },
            },
            '204': { description: 'Nothing to say' },
          },
        },
      },
    },
    components: {
      securitySchemes: { apiKey: { type: 'apiKey', in: 'header', name: 'Authorization' } },
      schemas: {
        Widget: { type: 'object', required: ['id'], properties: { id: { type: 'string' }, size: { type: 'integer', minimum: 0 } } },
      },
    },
  };
}

let cases = 0;
async function lint(spec: Record<string, unknown>, operations: unknown = OPERATIONS): Promise<Finding[]> {
  const dir = join(scratch, `case-${++cases}`);
  mkdirSync(join(dir, 'acme'), { recursive: true });
  writeFileSync(join(dir, 'operations.yaml'), stringify(operations));
  writeFileSync(join(dir, 'acme', 'openapi.yaml'), stringify(spec));
  return lintSpec(join(dir, 'acme', 'openapi.yaml'), { vendor: 'acme' });
}

const errorsOf = (findings: Finding[]) => findings.filter((f) => f.severity === 'error').map((f) => `${f.rule}: ${f.message}`);

describe('the good fixture', () => {
  it('has no findings at all', async () => {
    expect(await lint(goodSpec())).toEqual([]);
  });
});

const get = (spec: Record<string, any>) => spec.paths['/widgets/{id}'].get;

describe.each([
  {
    rule: 'vc-operation-id-camel-case',
    edit: (s: Record<string, any>) => {
      get(s).operationId = 'Get_widget';
    },
    operations: { vendors: { acme: { operations: [{ operationId: 'Get_widget', method: 'GET', path: '/widgets/{id}' }] } } },
    message: 'operationId "Get_widget" must be camelCase',
  },
  {
    rule: 'operation-operationId-unique',
    edit: (s: Record<string, any>) => {
      s.paths['/widgets'] = { post: { ...structuredClone(get(s)), parameters: [] } };
    },
    message: 'Every operation must have unique "operationId".',
  },
  {
    rule: 'vc-listed-operations',
    edit: () => {},
    operations: { vendors: { acme: { operations: [{ operationId: 'deleteWidget', method: 'DELETE', path: '/widgets/{id}' }] } } },
    message: 'specs/operations.yaml lists deleteWidget as DELETE /widgets/{id}, which the spec does not have',
  },
  {
    rule: 'vc-listed-operations',
    edit: (s: Record<string, any>) => {
      get(s).operationId = 'fetchWidget';
    },
    message: 'GET /widgets/{id} must have operationId "getWidget" (specs/operations.yaml), not "fetchWidget"',
  },
  {
    rule: 'vc-response-schema',
    edit: (s: Record<string, any>) => {
      delete get(s).responses['200'].content['application/json'].schema;
    },
    message: 'response 200 application/json has no schema',
  },
  {
    rule: 'vc-response-schema',
    edit: (s: Record<string, any>) => {
      get(s).responses['404'] = { description: 'Not found' };
    },
    message: 'response 404 has no content: declare its media type with a schema',
  },
  {
    rule: 'oas3-valid-media-example',
    edit: (s: Record<string, any>) => {
      get(s).responses['200'].content['application/json'].examples.one.value = { id: 'w1', size: -1 };
    },
    message: '"size" property must be >= 0',
  },
  {
    rule: 'vc-extension',
    edit: (s: Record<string, any>) => {
      s.components.schemas.Widget.properties.size['x-assumption'] = { why: 'not a string' };
    },
    message: 'x-assumption: Invalid input: expected string, received object',
  },
  {
    rule: 'vc-extension',
    edit: (s: Record<string, any>) => {
      get(s)['x-assumption'] = '   ';
    },
    message: 'x-assumption: a non-empty string',
  },
  {
    rule: 'vc-extension',
    edit: (s: Record<string, any>) => {
      get(s)['x-idempotnet'] = true;
    },
    message: 'x-idempotnet is not a declared extension (declare it in tools/spec-model/src/extensions.ts, or fix the spelling)',
  },
  {
    rule: 'vc-extension',
    edit: (s: Record<string, any>) => {
      s.components.schemas.Widget['x-idempotent'] = true;
    },
    message: 'x-idempotent may not stand on a schema (only on: operation)',
  },
  {
    rule: 'vc-extension',
    edit: (s: Record<string, any>) => {
      s['x-rate-limit'] = { limit: 10 };
    },
    message: 'x-rate-limit at windowSeconds: Invalid input: expected number, received undefined',
  },
  {
    rule: 'vc-extension',
    edit: (s: Record<string, any>) => {
      s['x-vendor-error'] = { when: { pointer: 'status', pattern: '(' } };
    },
    message: 'x-vendor-error at when.pointer: a JSON pointer into the body',
  },
  {
    rule: 'oas3-api-servers',
    edit: (s: Record<string, any>) => {
      s.servers = [];
    },
    message: 'OpenAPI "servers" must be present and non-empty array.',
  },
  {
    rule: 'vc-request-pairing',
    edit: (s: Record<string, any>) => {
      get(s).responses['200'].content['application/json'].examples.one['x-request'] = 'nowhere';
    },
    message: 'x-request "nowhere" names no request-body or parameter example of this operation',
  },
  {
    rule: 'vc-security-declared',
    edit: (s: Record<string, any>) => {
      delete s.security;
    },
    message: 'root "security" must be declared',
  },
  {
    rule: 'oas3-operation-security-defined',
    edit: (s: Record<string, any>) => {
      s.security = [{ bearer: [] }];
    },
    message: 'API "security" values must match a scheme defined in the "components.securitySchemes" object.',
  },
])('$rule', ({ rule, edit, operations, message }) => {
  it(`fails: ${message}`, async () => {
    const spec = goodSpec();
    edit(spec);
    const findings = await lint(spec, operations);
    expect(isFailing(findings)).toBe(true);
    expect(errorsOf(findings)).toContainEqual(expect.stringContaining(`${rule}: ${message}`));
  });
});

describe('vc-response-example', () => {
  it('warns (without failing) about a response without an example, naming status and media type', async () => {
    const spec = goodSpec();
    delete get(spec).responses['200'].content['application/json'].examples;
    const findings = await lint(spec);
    expect(findings.map((f) => [f.severity, f.rule, f.message, f.path])).toEqual([
      [
        'warning',
        'vc-response-example',
        'response 200 application/json has no example (add a named one under examples)',
        'paths/~1widgets~1{id}/get/responses/200/content/application~1json',
      ],
    ]);
    expect(isFailing(findings)).toBe(false);
  });
});

describe('vc-extension reads structure, not spelling', () => {
  it('a property, a path and example data named x-… are not extensions', async () => {
    const spec = goodSpec();
    spec.components.schemas.Widget.properties['x-trace'] = { type: 'string' };
    get(spec).responses['200'].content['application/json'].examples.one.value = { id: 'w1', size: 3, 'x-trace': 'abc' };
    expect(await lint(spec)).toEqual([]);
  });

  it("an extension inside another extension's value is that value, not an extension", async () => {
    const spec = goodSpec();
    get(spec)['x-invalid-examples'] = [{ summary: 'id empty', in: 'path', name: 'id', value: '', 'x-source': 'source/acme.md#L1' }];
    expect(await lint(spec)).toEqual([]);
  });
});

describe('the real specs', () => {
  const specs = fileURLToPath(new URL('../../../specs', import.meta.url));
  const vendors = readdirSync(specs, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);
  it('are five', () => expect(vendors.sort()).toEqual(['atttool', 'infocare', 'telecomx', 'tmt-first', 'totalmobile']));
  it.each(vendors)('%s has no errors', async (vendor) => {
    const findings = await lintSpec(join(specs, vendor, 'openapi.yaml'), { vendor });
    expect(errorsOf(findings)).toEqual([]);
  });
});
