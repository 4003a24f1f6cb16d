/**
 * TMT First `/devices` bodies built from the spec's own Device example, so the benchmark measures
 * what the contract describes rather than a made-up shape.
 */
import { join } from 'node:path';
import { loadSpec, workspaceRoot } from '@vendor-contracts/codegen';

export interface Payload {
  /** e.g. `1,000 devices` */
  label: string;
  text: string;
  bytes: number;
}

type Device = Record<string, unknown> & { quote: Record<string, unknown> | null };

export function deviceExample(): Device {
  const { doc } = loadSpec(join(workspaceRoot, 'specs', 'tmt-first', 'openapi.yaml'));
  const examples = doc.paths['/devices'].get.responses['200'].content['application/json'].examples;
  const first = (Object.values(examples)[0] as { value: Device[] }).value[0];
  if (!first) throw new Error('specs/tmt-first: the /devices 200 response has no example device');
  return first;
}

/** `count` distinct, valid devices: ids and IMEIs vary; every fifth device has no quote yet. */
export function devices(count: number): Device[] {
  const base = deviceExample();
  return Array.from({ length: count }, (_, i) => ({
    ...base,
    connect_id: 100_000 + i,
    job_id: 500_000 + i,
    customer_reference: `ref-${i}`,
    imei: String(354_865_093_000_000 + i),
    serial_number: `X${String(i).padStart(6, '0')}X`,
    quote: i % 5 === 4 ? null : { ...(base.quote as Record<string, unknown>), quote_price: `${100 + (i % 400)}.${String(i % 100).padStart(2, '0')}` },
  }));
}

/** The same list with one broken field in its last device, so a validator must read it all. */
export function devicesWithOneError(count: number): Device[] {
  const list = devices(count);
  const last = list[list.length - 1]!;
  last.quote = { ...(last.quote ?? (deviceExample().quote as Record<string, unknown>)), quote_price: 100 };
  return list;
}

export function payload(label: string, value: unknown): Payload {
  const text = JSON.stringify(value);
  return { label, text, bytes: Buffer.byteLength(text) };
}
