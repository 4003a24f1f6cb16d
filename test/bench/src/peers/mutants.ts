/**
 * The honesty check of the validator table: bodies one edit away from a valid `/devices` body
 * (every Device and Quote field removed, or replaced by a value of every JSON kind, plus broken
 * lists), each with the spec's verdict from ajv compiled in memory from the spec (the reference
 * JSON Schema implementation). A validator is equivalent when it agrees on every one.
 */
import { ResponseContractError } from '@vendor-contracts/runtime';
import { createTmtFirstClient } from '@vendor-contracts/tmt-first';
import { compileAjv, listDevicesJsonSchema } from '../ajv.js';
import { devices } from '../payloads.js';
import { API_KEY } from './clients.js';

type Json = Record<string, unknown>;

export interface Mutant {
  name: string;
  body: unknown;
  /** The spec's verdict (ajv). */
  valid: boolean;
}

/** Values of every JSON kind, and strings that pass the spec's patterns (a date, a price). */
const REPLACEMENTS: ReadonlyArray<[string, unknown]> = [
  ['null', null],
  ['true', true],
  ['0', 0],
  ['1', 1],
  ['2', 2],
  ['-1', -1],
  ['1.5', 1.5],
  ['""', ''],
  ['"x"', 'x'],
  ['a date', 'Mon, 01 Jan 2024 00:00:00 GMT'],
  ['a date without GMT', 'Mon, 01 Jan 2024 00:00:00'],
  ['a price', '12.34'],
  ['a price with one decimal', '12.3'],
  ['[]', []],
  ['{}', {}],
];

export function mutants(): Mutant[] {
  const spec = compileAjv(listDevicesJsonSchema());
  const [device] = devices(1) as [Json & { quote: Json }];
  const bodies: Array<[string, unknown]> = [
    ['the valid body', [device]],
    ['an empty list', []],
    ['an object instead of a list', { data: [device] }],
    ['null instead of a list', null],
    ['a list holding null', [null]],
    ['a list holding a list', [[device]]],
    ['a device with an unknown field', [{ ...device, x_new_field: 1 }]],
    ['a quote with an unknown field', [{ ...device, quote: { ...device.quote, x_new_field: 1 } }]],
  ];
  const edit = (target: 'device' | 'quote', key: string, value: unknown | typeof REMOVE): unknown => {
    const copy = (object: Json): Json => {
      const out = { ...object };
      if (value === REMOVE) delete out[key];
      else out[key] = value;
      return out;
    };
    return [target === 'device' ? copy(device) : { ...device, quote: copy(device.quote) }];
  };
  for (const [target, object] of [
    ['device', device],
    ['quote', device.quote],
  ] as const) {
    for (const key of Object.keys(object)) {
      bodies.push([`${target}.${key} removed`, edit(target, key, REMOVE)]);
      for (const [label, value] of REPLACEMENTS) bodies.push([`${target}.${key} = ${label}`, edit(target, key, value)]);
    }
  }
  return bodies.map(([name, body]) => ({ name, body, valid: spec(body) }));
}

const REMOVE = Symbol('remove');

/**
 * Ours through the public API only: a TMT client (validation on) whose `fetch` answers with the
 * body, so the verdict is whatever the runtime does at the time of the run.
 */
export async function oursAccepts(body: unknown): Promise<{ ok: boolean; output?: unknown }> {
  answer = JSON.stringify(body);
  try {
    return { ok: true, output: await client.listDevices() };
  } catch (error) {
    if (error instanceof ResponseContractError) return { ok: false };
    throw error;
  }
}

// One client for every check (building one per body would dominate the test's time).
let answer = '[]';
const client = createTmtFirstClient({
  apiKey: API_KEY,
  baseUrl: 'http://127.0.0.1:9',
  rateLimit: false,
  retry: { maxRetries: 0 },
  fetch: async () => new Response(answer, { headers: { 'content-type': 'application/json' } }),
});
