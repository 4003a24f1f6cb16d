/** Any console output during a test fails it: the SDK must never log by default. */
import { afterEach, beforeEach } from 'vitest';

const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
let calls: string[] = [];
const originals = Object.fromEntries(methods.map((m) => [m, console[m]]));

beforeEach(() => {
  calls = [];
  for (const m of methods) console[m] = (...args: unknown[]) => void calls.push(`console.${m}(${args.map(String).join(' ')})`);
});

afterEach(() => {
  for (const m of methods) console[m] = originals[m]!;
  if (calls.length) throw new Error(`the test wrote to the console:\n${calls.join('\n')}`);
});
