/**
 * Coverage and request matching over every operation of every vendor spec in the repo (so a new
 * operation or example is covered without touching this file): which operation a request path
 * is, which documented example an answer was, and the gate.
 */
import { readdirSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadContract } from '../src/contract.js';
import { assertCoverage, CoverageError, CoverageRecorder, combineCoverage, formatCoverage } from '../src/coverage.js';

const specsDir = new URL('../../../specs/', import.meta.url);
const vendors = readdirSync(specsDir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();
const contracts = vendors.map((v) => loadContract(v, new URL(`${v}/openapi.yaml`, specsDir).pathname));

/** A path segment value as a client could send it: any text, percent-encoded. */
const segment = fc.string({ minLength: 1, maxLength: 12, unit: 'grapheme' }).map(encodeURIComponent);

describe('matching a request to its operation', () => {
  it('covers every vendor', () => expect(vendors.length).toBeGreaterThanOrEqual(5));

  it('finds each operation of every vendor from a concrete path, whatever the path values', () => {
    for (const contract of contracts) {
      for (const op of contract.operations) {
        fc.assert(
          fc.property(fc.array(segment, { minLength: 8, maxLength: 8 }), fc.boolean(), (values, slash) => {
            let i = 0;
            const path = op.path.replace(/\{[^}]+\}/g, () => values[i++]!) + (slash ? '/' : '');
            const hit = contract.match(op.method.toLowerCase(), path);
            // Another operation may share method and shape (`/jobs/{id}` vs `/jobs/mine`): then it must be the literal one.
            expect(hit?.method).toBe(op.method);
            if (hit !== op) expect(hit!.path.replace(/\{[^}]+\}/g, '').length).toBeGreaterThan(op.path.replace(/\{[^}]+\}/g, '').length);
          }),
          { seed: 7, numRuns: 30 },
        );
      }
    }
  });

  it('matches no operation for another method or an unknown path', () => {
    for (const contract of contracts) {
      expect(contract.match('GET', '/definitely/not/documented/anywhere')).toBeUndefined();
      for (const op of contract.operations) expect(contract.match('TRACE', op.path)).toBeUndefined();
    }
  });
});

describe('recording', () => {
  const exchanges = (contract: (typeof contracts)[number]) =>
    fc.array(
      fc.record({
        op: fc.constantFrom(...contract.operations),
        pick: fc.nat(),
        kind: fc.constantFrom('example', 'other', 'undocumented-status'),
      }),
      { maxLength: 40 },
    );

  it('counts each answer once, against the documented example it equals (or the status when none does)', () => {
    for (const contract of contracts) {
      fc.assert(
        fc.property(exchanges(contract), (list) => {
          const recorder = new CoverageRecorder(contract);
          const expected = new Map<string, number>();
          for (const { op, pick, kind } of list) {
            const statuses = Object.keys(op.responses).filter((s) => /^\d{3}$/.test(s));
            if (statuses.length === 0) continue;
            const status = statuses[pick % statuses.length]!;
            const names = Object.keys(op.responses[status]!);
            if (kind === 'example' && names.length) {
              const value = op.responses[status]![names[pick % names.length]!];
              recorder.record(op.method, op.path, Number(status), structuredClone(value));
              // The first documented example equal to the body is the one that was served.
              const first = names.find((n) => isDeepStrictEqual(op.responses[status]![n], value))!;
              const key = `${op.operationId} ${status} ${first}`;
              expected.set(key, (expected.get(key) ?? 0) + 1);
            } else if (kind === 'other') {
              recorder.record(op.method, op.path, Number(status), { notADocumentedExample: pick });
              if (!names.length) expected.set(`${op.operationId} ${status} -`, (expected.get(`${op.operationId} ${status} -`) ?? 0) + 1);
            } else {
              // 599 is documented by no spec exactly: it counts as `5XX` or `default` when the operation documents one.
              recorder.record(op.method, op.path, 599, {});
              const fallback = ['5XX', 'default'].find((s) => op.responses[s]);
              if (fallback && Object.keys(op.responses[fallback]!).length === 0) {
                expected.set(`${op.operationId} ${fallback} -`, (expected.get(`${op.operationId} ${fallback} -`) ?? 0) + 1);
              }
            }
          }
          const report = recorder.report();
          const actual = new Map(report.operations.flatMap((o) => o.items.filter((i) => i.hits).map((i) => [`${o.operationId} ${i.status} ${i.example ?? '-'}`, i.hits] as const)));
          expect(actual).toEqual(expected);
          expect(report.covered).toBe(expected.size);
          expect(report.total).toBe(contract.operations.reduce((n, o) => n + Object.values(o.responses).reduce((m, ex) => m + Math.max(1, Object.keys(ex).length), 0), 0));
          expect(report.operations.reduce((n, o) => n + o.calls, 0)).toBe(list.filter(({ op }) => Object.keys(op.responses).some((s) => /^\d{3}$/.test(s))).length);
        }),
        { seed: 11, numRuns: 25 },
      );
    }
  });

  it('lists requests that match no operation', () => {
    const recorder = new CoverageRecorder(contracts[0]!);
    recorder.record('GET', '/nowhere', 404, undefined);
    recorder.record('GET', '/nowhere', 404, undefined);
    expect(recorder.report().unmatched).toEqual({ 'GET /nowhere': 2 });
    expect(formatCoverage(combineCoverage([recorder.report()]))).toMatch(/! GET \/nowhere matched no documented operation \(2×\)/);
  });
});

describe('the gate and the table', () => {
  const contract = contracts.find((c) => c.vendor === 'tmt-first')!;
  const half = () => {
    const recorder = new CoverageRecorder(contract);
    const op = contract.operations.find((o) => o.operationId === 'getJob')!;
    recorder.record('GET', '/job/1', 200, op.responses['200']!.quoteSent);
    return combineCoverage([recorder.report()]);
  };

  it('passes at or below the percentage reached and fails above it, naming what was never exercised', () => {
    const report = half();
    expect(report.percent).toBe(Math.floor((1 / report.total) * 1000) / 10);
    expect(() => assertCoverage(report, report.percent)).not.toThrow();
    expect(() => assertCoverage(report, 0)).not.toThrow();
    const error = (() => {
      try {
        assertCoverage(report, 100);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(CoverageError);
    expect((error as Error).message).toMatch(new RegExp(`contract coverage ${report.percent}% is below the minimum 100%`));
    expect((error as Error).message).toMatch(/tmt-first getJob 404 notFound/);
    expect((error as Error).message).not.toMatch(/getJob 200 quoteSent/);
    for (const bad of [-1, 101, Number.NaN]) expect(() => assertCoverage(report, bad)).toThrow(RangeError);
  });

  it('prints one row per documented response, ✓ for covered and ✗ for missed', () => {
    const table = formatCoverage(half());
    expect(table).toMatch(/✓ +getJob +200 +quoteSent +1/);
    expect(table).toMatch(/✗ +getJob +404 +notFound +0/);
    expect(
      table
        .trim()
        .split('\n')
        .filter((l) => /^ +[✓✗] /.test(l)),
    ).toHaveLength(half().total);
    expect(table).toContain(`contract coverage: 1/${half().total} (${half().percent}%), operations called 1/${contract.operations.length}`);
  });
});
