/**
 * The classification table on real change pairs: each case takes one of our specs as it is
 * (before) and the same spec with one realistic edit (after), and states the changelog lines and
 * the bump the edit must produce.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Bump, diffSpecs, highestBump } from '../src/classify.js';
import { type Doc, spec } from './support/specs.js';

const schema = (d: Doc, name: string): Doc => {
  const s = d.components.schemas[name];
  if (!s) throw new Error(`fixture: no schema ${name}`);
  return s;
};

interface Case {
  name: string;
  vendor: string;
  edit: (d: Doc) => void;
  bump: Bump;
  /** Every line the changelog must hold, as `<subject> <bump> <message>`. */
  lines: string[];
}

const cases: Case[] = [
  {
    name: 'x-error-fields removed (a code callers branch on disappears)',
    vendor: 'atttool',
    edit: (d) => {
      delete d['x-error-fields'];
    },
    bump: 'major',
    lines: ['document major x-error-fields removed: the code errors carry may differ ({"code":["/status"]} → (none))'],
  },
  {
    name: 'x-error-fields gains a code pointer (errors gain a code)',
    vendor: 'tmt-first',
    edit: (d) => {
      d['x-error-fields'].code = ['/code'];
    },
    bump: 'minor',
    lines: ['document minor x-error-fields added: errors now carry the vendor\'s code/message (["/code"])'],
  },
  {
    name: 'x-error-fields points elsewhere (the code may change)',
    vendor: 'atttool',
    edit: (d) => {
      d['x-error-fields'].code = ['/error'];
    },
    bump: 'major',
    lines: ['document major x-error-fields changed: the code errors carry may differ ("/status" → "/error")'],
  },
  {
    name: 'removed response field (shared component: every operation returning it)',
    vendor: 'tmt-first',
    edit: (d) => {
      const device = schema(d, 'Device');
      delete device.properties.status;
      device.required = device.required.filter((f: string) => f !== 'status');
    },
    bump: 'major',
    lines: ['getJob major 200 response body: removed field status', 'listDevices major 200 response body: removed field status of each item'],
  },
  {
    name: 'new optional response field',
    vendor: 'tmt-first',
    edit: (d) => {
      schema(d, 'Device').properties.eta = { type: 'string' };
    },
    bump: 'minor',
    lines: ['getJob minor 200 response body: added field eta'],
  },
  {
    name: 'new enum value in a response (tolerant consumers: minor)',
    vendor: 'tmt-first',
    edit: (d) => {
      schema(d, 'QuoteResponseResult').properties.status.enum.push('QUOTE PENDING');
    },
    bump: 'minor',
    lines: ['respondToQuote minor 200 response body: field status: added enum value "QUOTE PENDING"'],
  },
  {
    name: 'removed enum value in a response (the literal union shrinks)',
    vendor: 'tmt-first',
    edit: (d) => {
      schema(d, 'QuoteResponseResult').properties.status.enum.pop();
    },
    bump: 'major',
    lines: ['respondToQuote major 200 response body: field status: removed enum value "QUOTE REJECTED"'],
  },
  {
    name: 'removed enum value in a request (through $ref, allOf and oneOf)',
    vendor: 'tmt-first',
    edit: (d) => {
      schema(d, 'Manufacturer').enum = schema(d, 'Manufacturer').enum.filter((m: string) => m !== 'Samsung');
    },
    bump: 'major',
    lines: ['prealert major request body: field make: removed enum value "Samsung"'],
  },
  {
    name: 'new enum value in a request',
    vendor: 'tmt-first',
    edit: (d) => {
      schema(d, 'QuoteDecision').enum.push(3);
      schema(d, 'QuoteDecision')['x-enum-varnames'].push('Defer');
    },
    bump: 'minor',
    lines: ['respondToQuote minor request body: field status: added enum value 3'],
  },
  {
    name: 'new required request field',
    vendor: 'tmt-first',
    edit: (d) => {
      const s = schema(d, 'CancelPrealertRequest');
      s.properties.reason = { type: 'string', description: 'Why.' };
      s.required.push('reason');
    },
    bump: 'major',
    lines: ['cancelPrealert major request body: added required field reason'],
  },
  {
    name: 'new optional request field',
    vendor: 'tmt-first',
    edit: (d) => {
      schema(d, 'CancelPrealertRequest').properties.reason = { type: 'string' };
    },
    bump: 'minor',
    lines: ['cancelPrealert minor request body: added field reason'],
  },
  {
    name: 'removed request field (strict request validation rejects it now)',
    vendor: 'tmt-first',
    edit: (d) => {
      delete schema(d, 'CancelPrealertRequest').properties.user_name;
    },
    bump: 'major',
    lines: ['cancelPrealert major request body: removed field user_name'],
  },
  {
    name: 'existing optional request field becomes required',
    vendor: 'tmt-first',
    edit: (d) => {
      schema(d, 'CancelPrealertRequest').required.push('user_name');
    },
    bump: 'major',
    lines: ['cancelPrealert major request body: field user_name is now required'],
  },
  {
    name: 'response field no longer always present',
    vendor: 'tmt-first',
    edit: (d) => {
      schema(d, 'PrealertResponse').required = ['connect_id'];
    },
    bump: 'major',
    lines: ['prealert major 200 response body: field message is no longer always present'],
  },
  {
    name: 'response field made nullable (3.1 type array widened)',
    vendor: 'tmt-first',
    edit: (d) => {
      schema(d, 'Device').properties.make.type = ['string', 'null'];
    },
    bump: 'major',
    lines: ['getJob major 200 response body: field make: type string → string | null'],
  },
  {
    name: 'response field no longer nullable (narrowed output: code keeps compiling)',
    vendor: 'tmt-first',
    edit: (d) => {
      schema(d, 'Device').properties.imei.type = 'string';
    },
    bump: 'minor',
    lines: ['getJob minor 200 response body: field imei: type string | null → string'],
  },
  {
    name: 'request field made nullable (accepts more)',
    vendor: 'tmt-first',
    edit: (d) => {
      schema(d, 'CancelPrealertRequest').properties.user_name.type = ['string', 'null'];
    },
    bump: 'minor',
    lines: ['cancelPrealert minor request body: field user_name: type string → string | null'],
  },
  {
    name: 'request field type changed integer → string',
    vendor: 'tmt-first',
    edit: (d) => {
      schema(d, 'CancelPrealertRequest').properties.connect_id.type = 'string';
    },
    bump: 'major',
    lines: ['cancelPrealert major request body: field connect_id: type integer → string'],
  },
  {
    name: 'tighter request constraint (maxLength added)',
    vendor: 'tmt-first',
    edit: (d) => {
      schema(d, 'CancelPrealertRequest').properties.user_name.maxLength = 50;
    },
    bump: 'major',
    lines: ['cancelPrealert major request body: field user_name: maxLength (none) → 50'],
  },
  {
    name: 'looser request constraint (maximum raised) on a nested array item',
    vendor: 'telecomx',
    edit: (d) => {
      schema(d, 'Price').maximum = 1_000_000;
    },
    bump: 'minor',
    lines: [
      'updateInternetRequest minor request body: field offers[].initiationCost: maximum 500000 → 1000000',
      'updateInternetRequest minor request body: field offers[].monthlyCustomer: maximum 500000 → 1000000',
    ],
  },
  {
    name: 'removed operation',
    vendor: 'tmt-first',
    edit: (d) => {
      delete d.paths['/job/{connect_id}'];
    },
    bump: 'major',
    lines: ['getJob major removed operation'],
  },
  {
    name: 'new operation',
    vendor: 'tmt-first',
    edit: (d) => {
      d.paths['/job/{connect_id}'].delete = {
        operationId: 'deleteJob',
        responses: { '200': { description: 'Deleted.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Message' } } } } },
      };
    },
    bump: 'minor',
    lines: ['deleteJob minor added operation'],
  },
  {
    name: 'renamed operationId (the SDK method name)',
    vendor: 'tmt-first',
    edit: (d) => {
      d.paths['/job/{connect_id}'].get.operationId = 'fetchJob';
    },
    bump: 'major',
    lines: ['fetchJob major operationId (the method name) "getJob" → "fetchJob"'],
  },
  {
    name: 'new required query parameter',
    vendor: 'atttool',
    edit: (d) => {
      d.paths['/v1/get'].get.parameters.push({ name: 'verbose', in: 'query', required: true, schema: { type: 'boolean' } });
    },
    bump: 'major',
    lines: ['getOrderStatusByQuery major request: added required query parameter verbose'],
  },
  {
    name: 'new optional query parameter',
    vendor: 'atttool',
    edit: (d) => {
      d.paths['/v1/get'].get.parameters.push({ name: 'verbose', in: 'query', required: false, schema: { type: 'boolean' } });
    },
    bump: 'minor',
    lines: ['getOrderStatusByQuery minor request: added optional query parameter verbose'],
  },
  {
    name: 'removed response status',
    vendor: 'tmt-first',
    edit: (d) => {
      delete d.paths['/job/{connect_id}'].get.responses['404'];
    },
    bump: 'major',
    lines: ['getJob major removed 404 response'],
  },
  {
    name: 'description and example only',
    vendor: 'tmt-first',
    edit: (d) => {
      schema(d, 'Device').properties.imei.description = 'The IMEI (15 digits), if given.';
      d.paths['/job/{connect_id}'].get.responses['200'].content['application/json'].examples.quoteSent.value.connect_id = 54321;
    },
    bump: 'patch',
    lines: ['getJob patch 200 response body: field imei: description changed', 'getJob patch 200 response: examples changed'],
  },
  {
    name: 'x-assumption rewording only',
    vendor: 'infocare',
    edit: (d) => {
      d['x-assumption'] = `${String(d['x-assumption'] ?? '')} Reworded.`;
    },
    bump: 'patch',
    lines: ['document patch x-assumption changed'],
  },
  {
    name: 'received webhook body: field removed (we read it like a response)',
    vendor: 'atttool',
    edit: (d) => {
      const p = schema(d, 'OrderCompletedPayload');
      delete p.properties.total_cost;
      p.required = p.required.filter((f: string) => f !== 'total_cost');
    },
    bump: 'major',
    lines: ['webhook orderCompleted major received body: removed field total_cost'],
  },
  {
    name: 'received webhook body: new field',
    vendor: 'atttool',
    edit: (d) => {
      schema(d, 'OrderCompletedPayload').properties.completed_at = { type: 'string' };
    },
    bump: 'minor',
    lines: ['webhook orderCompleted minor received body: added field completed_at'],
  },
  {
    name: 'new oneOf variant in a response (consumers meet a new shape)',
    vendor: 'atttool',
    edit: (d) => {
      schema(d, 'GetOrderStatusResult').oneOf.push({ type: 'object', properties: { queued: { type: 'boolean' } } });
    },
    bump: 'major',
    lines: ['getOrderStatus major 200 response body: added a oneOf variant'],
  },
  {
    name: 'default added to a request field (what an omitted value means changes)',
    vendor: 'telecomx',
    edit: (d) => {
      schema(d, 'InternetRequestUpdateFields').properties.reference.default = 'web';
    },
    bump: 'minor',
    lines: ['updateInternetRequest minor request body: field reference: default (none) → "web"'],
  },
  {
    name: 'removed server (an environment disappears)',
    vendor: 'tmt-first',
    edit: (d) => {
      d.servers.pop();
    },
    bump: 'major',
    lines: ['servers major removed server "https://connectapi-uat.tmttech.co.uk" (an environment disappears)'],
  },
  {
    name: 'path parameter type changed',
    vendor: 'tmt-first',
    edit: (d) => {
      d.paths['/job/{connect_id}'].get.parameters[0].schema = { type: 'string' };
    },
    bump: 'major',
    lines: ['getJob major request: path parameter connect_id: type integer → string'],
  },
];

describe('classification of real spec changes', () => {
  it('has at least 20 change pairs', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });

  it.each(cases)('$name → $bump', ({ vendor, edit, bump, lines }) => {
    const before = spec(vendor);
    const after = spec(vendor);
    edit(after);
    const changes = diffSpecs(before, after);
    const printed = changes.map((c) => `${c.subject} ${c.bump} ${c.message}`);
    for (const line of lines) expect(printed, printed.join('\n')).toContain(line);
    expect(highestBump(changes)).toBe(bump);
  });

  it('finds nothing between a spec and itself', () => {
    for (const vendor of ['tmt-first', 'telecomx', 'infocare', 'totalmobile', 'atttool']) {
      expect(diffSpecs(spec(vendor), spec(vendor))).toEqual([]);
    }
  });

  it('calls anything it has no rule for major and names it', () => {
    const after = spec('tmt-first');
    after['x-something-new'] = { a: 1 };
    const changes = diffSpecs(spec('tmt-first'), after);
    expect(changes).toEqual([expect.objectContaining({ bump: 'major', message: expect.stringMatching(/^unclassified add at x-something-new/) })]);
  });
});

describe('schemas reached only through components/responses', () => {
  it('are reported under the operations, not again as a loose schema', () => {
    const after = spec('tmt-first');
    schema(after, 'ValidationError').properties.hint = { type: 'string' };
    const changes = diffSpecs(spec('tmt-first'), after);
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.every((c) => !c.subject.startsWith('schema '))).toBe(true);
    expect(changes.map((c) => `${c.subject} ${c.message}`)).toContain('prealert 400 response body: added field hint of each item');
  });

  it('a schema no operation uses is reported on its own, strictest direction', () => {
    const before = spec('tmt-first');
    before.components.schemas.Unused = { type: 'object', properties: { a: { type: 'string' } } };
    const after = structuredClone(before);
    delete after.components.schemas.Unused.properties.a;
    expect(diffSpecs(before, after)).toEqual([expect.objectContaining({ subject: 'schema Unused', bump: 'major', message: 'removed field a' })]);
  });
});

describe('release notes a consumer reads', () => {
  it('writes a change every oneOf branch shares once, naming the field as the caller spells it', () => {
    const after = spec('telecomx');
    schema(after, 'OfferInput').required = ['product'];
    const lines = diffSpecs(spec('telecomx'), after).map((c) => `${c.subject} ${c.bump} ${c.message}`);
    expect(lines).toEqual(['updateInternetRequest major request body: field offers[].product is now required']);
  });

  const vendors = ['tmt-first', 'telecomx', 'infocare', 'totalmobile', 'atttool'];
  /** Every component schema with properties, of every vendor: read from the specs. */
  const objectSchemas = vendors.flatMap((vendor) =>
    Object.entries(spec(vendor).components?.schemas ?? {})
      .filter(([, s]) => (s as Doc).properties)
      .map(([name]) => ({ vendor, name })),
  );

  it('never repeats a line or names a branch, for a new required field in any object schema of any vendor', () => {
    expect(objectSchemas.length).toBeGreaterThan(20);
    fc.assert(
      fc.property(fc.constantFrom(...objectSchemas), ({ vendor, name }) => {
        const after = spec(vendor);
        const s = schema(after, name);
        s.properties.zz_added = { type: 'string' };
        s.required = [...(s.required ?? []), 'zz_added'];
        const changes = diffSpecs(spec(vendor), after);
        const lines = changes.map((c) => `${c.subject} ${c.message}`);
        expect(new Set(lines).size, lines.join('\n')).toBe(lines.length);
        for (const c of changes) {
          expect(c.message).not.toMatch(/variant|oneOf\/|anyOf\/|allOf\/|\bbody\./);
          if (!c.subject.startsWith('schema ') && !c.subject.startsWith('webhook ')) expect(c.operation, c.subject).toMatch(/^(GET|PUT|POST|DELETE|PATCH|HEAD|OPTIONS|TRACE) \//);
        }
        // Each operation that reaches the schema says so once per place the field appears.
        expect(changes.filter((c) => /zz_added/.test(c.message)).length).toBeGreaterThan(0);
      }),
      // Each diff of a whole spec takes about half a second: a sample, not every schema.
      { seed: 12, numRuns: 10 },
    );
  }, 60_000);
});
