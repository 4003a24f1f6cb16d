/**
 * Two copies of the runtime in one process (what npm installs when a vendor package and the app
 * ask for runtime versions that do not overlap): `instanceof` must answer for an error from the
 * other copy exactly as it does for one from its own. The second copy is the runtime bundled and
 * minified by esbuild into a temp directory, so it is a different module at a different path with
 * different class objects, and its class names are mangled (brands must not depend on them).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as here from '../../src/index.js';

type Module = Record<string, unknown>;
type ErrorClass = abstract new (...args: never[]) => Error;

let temp: string;
let other: Module;

beforeAll(async () => {
  temp = mkdtempSync(join(tmpdir(), 'vc-runtime-copy-'));
  const outfile = join(temp, 'runtime-copy.mjs');
  await build({
    entryPoints: [fileURLToPath(new URL('../../src/index.ts', import.meta.url))],
    outfile,
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'node',
    logLevel: 'silent',
  });
  other = (await import(pathToFileURL(outfile).href)) as Module;
}, 60_000);

afterAll(() => {
  if (temp) rmSync(temp, { recursive: true, force: true });
});

/** Every exported error class of a copy, by export name: read from the module, not listed here. */
function errorClasses(module: Module): Map<string, ErrorClass> {
  const root = module.VendorContractsError as ErrorClass;
  const found = new Map<string, ErrorClass>();
  for (const [name, value] of Object.entries(module)) {
    if (typeof value === 'function' && (value === root || Object.prototype.isPrototypeOf.call(root.prototype, value.prototype))) {
      found.set(name, value as ErrorClass);
    }
  }
  return found;
}

/** An instance of a class without running its constructor (each has its own arguments). */
const instanceOf = (Cls: ErrorClass): Error => Object.create(Cls.prototype) as Error;

/** What `instanceof` answers when both sides come from the same copy: the prototype chain. */
const sameCopyAnswer = (A: ErrorClass, B: ErrorClass): boolean => A === B || Object.prototype.isPrototypeOf.call(B.prototype, A.prototype);

describe('error classes across two copies of the runtime', () => {
  it('finds every error class in both copies, under the same export names', () => {
    const mine = errorClasses(here as unknown as Module);
    const theirs = errorClasses(other);
    expect(mine.size).toBeGreaterThanOrEqual(21);
    expect([...theirs.keys()].sort()).toEqual([...mine.keys()].sort());
    for (const [name, Cls] of mine) expect(theirs.get(name), name).not.toBe(Cls);
  });

  it('answers instanceof for every pair of classes across copies as within one copy', () => {
    const mine = errorClasses(here as unknown as Module);
    const theirs = errorClasses(other);
    let pairs = 0;
    for (const [thrownName, Thrown] of theirs) {
      for (const [caughtName, Caught] of mine) {
        const expected = sameCopyAnswer(mine.get(thrownName)!, Caught);
        expect(instanceOf(Thrown) instanceof Caught, `${thrownName} (other copy) instanceof ${caughtName}`).toBe(expected);
        expect(instanceOf(Caught) instanceof theirs.get(caughtName)!, `${caughtName} instanceof its twin`).toBe(true);
        expect(instanceOf(mine.get(thrownName)!) instanceof theirs.get(caughtName)!, `${thrownName} instanceof ${caughtName} (other copy)`).toBe(expected);
        pairs++;
      }
    }
    expect(pairs).toBe(mine.size * mine.size);
  });

  it('recognises errors built by the other copy the way the client builds them', () => {
    const O = other as unknown as typeof here;
    const invalid = new O.RequestValidationError([{ path: 'body.imeis[0]', rule: 'x-luhn', message: 'fails the Luhn check' }], { vendor: 'v', operationId: 'op' });
    expect(invalid).toBeInstanceOf(here.RequestValidationError);
    expect(invalid).toBeInstanceOf(here.VendorContractsError);
    expect(invalid).toBeInstanceOf(Error);
    expect(invalid).not.toBeInstanceOf(here.ApiError);

    const notFound = O.ApiError.fromResponse({ status: 404, headers: new Headers(), body: null, vendor: 'v', operationId: 'op' });
    expect(notFound).toBeInstanceOf(here.NotFoundError);
    expect(notFound).toBeInstanceOf(here.ApiError);
    expect(notFound).not.toBeInstanceOf(here.ServerError);

    const timeout = new O.TimeoutError(50, { vendor: 'v', operationId: 'op' });
    expect(timeout).toBeInstanceOf(here.TimeoutError);
    expect(timeout).toBeInstanceOf(here.ConnectionError);
    expect(timeout).not.toBeInstanceOf(here.ApiError);
    expect(new O.ConnectionError('reset', {})).not.toBeInstanceOf(here.TimeoutError);
  });

  it('keeps the ordinary prototype check for subclasses without a brand of their own', () => {
    class WorkflowTimeout extends here.VendorContractsError {}
    class OtherWorkflowTimeout extends (other.VendorContractsError as typeof here.VendorContractsError) {}
    expect(new WorkflowTimeout('x')).toBeInstanceOf(WorkflowTimeout);
    expect(new WorkflowTimeout('x')).toBeInstanceOf(here.VendorContractsError);
    expect(new OtherWorkflowTimeout('x')).toBeInstanceOf(here.VendorContractsError);
    // Not every VendorContractsError is a WorkflowTimeout, whichever copy made it.
    expect(new here.VendorContractsError('x')).not.toBeInstanceOf(WorkflowTimeout);
    expect(new OtherWorkflowTimeout('x')).not.toBeInstanceOf(WorkflowTimeout);
    expect(new here.ConfigError('x')).not.toBeInstanceOf(WorkflowTimeout);
  });

  it('recognises nothing that does not carry a brand: any value, plain errors, look-alikes', () => {
    const classes = [...errorClasses(here as unknown as Module).values()];
    const lookAlike = fc.record({ name: fc.constantFrom(...classes.map((c) => c.name)), message: fc.string(), status: fc.integer() });
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything(),
          lookAlike,
          fc.string().map((m) => new Error(m)),
          fc.constant(Object.create(null)),
        ),
        (value) => {
          for (const Cls of classes) if (value instanceof Cls) return false;
          return true;
        },
      ),
      { seed: 1212, numRuns: 300 },
    );
  });
});
