/**
 * The TMT `listDevices` 200 schema (an array of Device) in each validator library of the
 * validator table. Where a library can take the spec's schema, it does: ajv (standalone module
 * compiled from the JSON Schema), zod classic (`z.fromJSONSchema`), TypeBox (its builders, driven
 * by a walk over the same JSON Schema). arktype, valibot and zod/mini cannot read JSON Schema, so
 * their schemas are written out below, with the spec's own patterns; `mutants.ts` and the bench
 * test prove that every one accepts and rejects exactly what the spec (ajv) does.
 * Each library is used with its plain `object`, so the table shows what it does with unknown
 * fields by default.
 */
import { type TSchema, Type } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { type } from 'arktype';
import * as v from 'valibot';
import { z } from 'zod';
import * as zm from 'zod/mini';
import { CACHE_DIR, compileStandalone, listDevicesJsonSchema } from '../ajv.js';
import { versionOf } from './clients.js';

type Json = Record<string, unknown>;

/** A synchronous check: `ok`, and what the library hands back (`output`) when it accepts. */
export interface PeerValidator {
  label: string;
  check(value: unknown): { ok: boolean; output?: unknown };
}

/** The spec's pattern for a component schema, e.g. HttpDate's. */
function specPattern(schema: Json, name: string, property?: string): RegExp {
  const defs = schema.$defs as Record<string, Json>;
  let node = defs[name];
  if (property) node = (node?.properties as Record<string, Json> | undefined)?.[property];
  const pattern = node?.pattern;
  if (typeof pattern !== 'string') throw new Error(`spec: ${name}${property ? `.${property}` : ''} has no pattern`);
  // JSON Schema patterns are ECMA-262 with the u flag (ajv compiles them so too).
  return new RegExp(pattern, 'u');
}

/** JSON Schema (the subset the spec's Device uses) → TypeBox builders; anything else is refused. */
export function toTypeBox(node: Json, defs: Record<string, Json>): TSchema {
  const known = new Set(['type', 'properties', 'required', 'items', 'pattern', 'enum', 'oneOf', '$ref', 'description', 'title', '$defs']);
  for (const key of Object.keys(node)) if (!known.has(key)) throw new Error(`toTypeBox: keyword "${key}" is not supported`);
  if (typeof node.$ref === 'string') {
    const target = defs[node.$ref.replace('#/$defs/', '')];
    if (!target) throw new Error(`toTypeBox: unresolved ${node.$ref}`);
    return toTypeBox(target, defs);
  }
  // oneOf → Union (anyOf): the spec's branches (a type or null) never overlap, so they agree.
  if (Array.isArray(node.oneOf)) return Type.Union((node.oneOf as Json[]).map((branch) => toTypeBox(branch, defs)));
  if (Array.isArray(node.enum)) return Type.Union((node.enum as Array<string | number>).map((value) => Type.Literal(value)));
  if (Array.isArray(node.type)) return Type.Union((node.type as string[]).map((t) => toTypeBox({ ...node, type: t }, defs)));
  switch (node.type) {
    case 'null':
      return Type.Null();
    case 'string':
      return typeof node.pattern === 'string' ? Type.String({ pattern: node.pattern }) : Type.String();
    case 'integer':
      return Type.Integer();
    case 'array':
      return Type.Array(toTypeBox(node.items as Json, defs));
    case 'object': {
      const required = new Set((node.required as string[] | undefined) ?? []);
      const properties = Object.fromEntries(
        Object.entries((node.properties as Record<string, Json>) ?? {}).map(([key, child]) => [
          key,
          required.has(key) ? toTypeBox(child, defs) : Type.Optional(toTypeBox(child, defs)),
        ]),
      );
      return Type.Object(properties);
    }
    default:
      throw new Error(`toTypeBox: type ${JSON.stringify(node.type)} is not supported`);
  }
}

export function peerValidators(): Record<string, PeerValidator> {
  const schema = listDevicesJsonSchema();
  const defs = schema.$defs as Record<string, Json>;
  const httpDate = specPattern(schema, 'HttpDate');
  const price = specPattern(schema, 'Quote', 'quote_price');

  const ajv = compileStandalone(schema, CACHE_DIR, 'tmt-first-list-devices').validate;
  const typebox = TypeCompiler.Compile(toTypeBox(schema, defs));
  const zodClassic = z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]);

  const arkDate = type(httpDate);
  const arkQuote = type({
    quote_price: type(price),
    quote_status: 'number.integer',
    quote_update_date: arkDate.or('null'),
    repair_outcome: 'string | null',
    repairable: 'string',
    triage_conditions: 'string',
  });
  const arkList = type({
    connect_id: 'number.integer',
    customer_reference: 'string',
    date_in: arkDate,
    date_out: arkDate.or('null'),
    date_received: arkDate.or('null'),
    imei: 'string | null',
    job_description: 'string | null',
    job_id: 'number.integer',
    make: 'string',
    model: 'string | null',
    notes: 'string | null',
    po_number: 'string | null',
    quote: arkQuote.or('null'),
    ra_flag: '0 | 1',
    serial_number: 'string | null',
    status: 'string',
    tracking_number: 'string | null',
  }).array();

  const vDate = v.pipe(v.string(), v.regex(httpDate));
  const vString = v.nullable(v.string());
  const vInt = v.pipe(v.number(), v.integer());
  const vQuote = v.object({
    quote_price: v.pipe(v.string(), v.regex(price)),
    quote_status: vInt,
    quote_update_date: v.nullable(vDate),
    repair_outcome: vString,
    repairable: v.string(),
    triage_conditions: v.string(),
  });
  const vList = v.array(
    v.object({
      connect_id: vInt,
      customer_reference: v.string(),
      date_in: vDate,
      date_out: v.nullable(vDate),
      date_received: v.nullable(vDate),
      imei: vString,
      job_description: vString,
      job_id: vInt,
      make: v.string(),
      model: vString,
      notes: vString,
      po_number: vString,
      quote: v.nullable(vQuote),
      ra_flag: v.picklist([0, 1]),
      serial_number: vString,
      status: v.string(),
      tracking_number: vString,
    }),
  );

  const zmDate = zm.string().check(zm.regex(httpDate));
  const zmString = zm.nullable(zm.string());
  const zmQuote = zm.object({
    quote_price: zm.string().check(zm.regex(price)),
    quote_status: zm.int(),
    quote_update_date: zm.nullable(zmDate),
    repair_outcome: zmString,
    repairable: zm.string(),
    triage_conditions: zm.string(),
  });
  const zmList = zm.array(
    zm.object({
      connect_id: zm.int(),
      customer_reference: zm.string(),
      date_in: zmDate,
      date_out: zm.nullable(zmDate),
      date_received: zm.nullable(zmDate),
      imei: zmString,
      job_description: zmString,
      job_id: zm.int(),
      make: zm.string(),
      model: zmString,
      notes: zmString,
      po_number: zmString,
      quote: zm.nullable(zmQuote),
      ra_flag: zm.literal([0, 1]),
      serial_number: zmString,
      status: zm.string(),
      tracking_number: zmString,
    }),
  );

  // zod classic written out too: z.fromJSONSchema turns each oneOf into an exclusive union that
  // tries every branch, so the derived schema is slower than what a zod user writes.
  const zDate = z.string().regex(httpDate);
  const zQuote = z.object({
    quote_price: z.string().regex(price),
    quote_status: z.int(),
    quote_update_date: zDate.nullable(),
    repair_outcome: z.string().nullable(),
    repairable: z.string(),
    triage_conditions: z.string(),
  });
  const zList = z.array(
    z.object({
      connect_id: z.int(),
      customer_reference: z.string(),
      date_in: zDate,
      date_out: zDate.nullable(),
      date_received: zDate.nullable(),
      imei: z.string().nullable(),
      job_description: z.string().nullable(),
      job_id: z.int(),
      make: z.string(),
      model: z.string().nullable(),
      notes: z.string().nullable(),
      po_number: z.string().nullable(),
      quote: zQuote.nullable(),
      ra_flag: z.literal([0, 1]),
      serial_number: z.string().nullable(),
      status: z.string(),
      tracking_number: z.string().nullable(),
    }),
  );

  const zodResult = (r: { success: boolean; data?: unknown }) => ({ ok: r.success, output: r.data });
  return {
    ajv: { label: `ajv ${versionOf('ajv')} standalone, compiled from the spec`, check: (value) => ({ ok: ajv(value), output: value }) },
    typebox: { label: `TypeBox ${versionOf('@sinclair/typebox')} TypeCompiler, built from the spec`, check: (value) => ({ ok: typebox.Check(value), output: value }) },
    arktype: {
      label: `arktype ${versionOf('arktype')}, written out`,
      check: (value) => {
        const out = arkList(value);
        return out instanceof type.errors ? { ok: false } : { ok: true, output: out };
      },
    },
    valibot: {
      label: `valibot ${versionOf('valibot')} \`v.object\`, written out`,
      check: (value) => {
        const r = v.safeParse(vList, value);
        return { ok: r.success, output: r.output };
      },
    },
    'zod/mini': { label: `zod/mini ${versionOf('zod')} \`z.object\`, written out`, check: (value) => zodResult(zmList.safeParse(value)) },
    zod: { label: `zod ${versionOf('zod')} classic \`z.object\`, written out`, check: (value) => zodResult(zList.safeParse(value)) },
    'zod from spec': { label: `zod ${versionOf('zod')} classic, \`z.fromJSONSchema\` of the spec`, check: (value) => zodResult(zodClassic.safeParse(value)) },
  };
}

/** A one-device body whose device has a field the schema does not declare. */
export function withUnknownField(device: Json): unknown {
  return [{ ...device, x_new_field: 'new' }];
}

/** What a validator did with the field of `withUnknownField`, read from its result. */
export function unknownFieldHandling(result: { ok: boolean; output?: unknown }): 'keeps' | 'strips' | 'rejects' {
  if (!result.ok) return 'rejects';
  const first = (result.output as Json[] | undefined)?.[0];
  return first && 'x_new_field' in first ? 'keeps' : 'strips';
}
