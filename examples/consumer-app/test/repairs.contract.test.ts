/**
 * The repair desk's contract tests: the vendors' own mocks (the specs their packages ship, served
 * by @vendor-contracts/mock), each documented answer picked by name, the vendors' examples as
 * fixtures, and a coverage gate: the run fails if the app was tested against fewer documented
 * vendor answers than MIN_CONTRACT_COVERAGE percent (default 20).
 */
import { type Mock, scenario, scenarioFetch, type ScenarioOptions, startMock } from '@vendor-contracts/mock';
import { examples as atttool } from '@vendor-contracts/atttool/examples';
import { examples as tmtFirst, requestExamples as tmtRequests } from '@vendor-contracts/tmt-first/examples';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepairDesk } from '../src/repairs.js';

const MIN_COVERAGE = Number(process.env.MIN_CONTRACT_COVERAGE ?? 20);
let mock: Mock<'tmt-first' | 'atttool'>;
let desk: ReturnType<typeof createRepairDesk>;

beforeAll(async () => {
  mock = await startMock({ vendors: ['tmt-first', 'atttool'], minCoverage: MIN_COVERAGE, coverageFile: 'contract-coverage.json' });
  desk = createRepairDesk({
    tmtFirst: { apiKey: 'test-key', baseUrl: mock.baseUrlFor('tmt-first') },
    atttool: { apiKey: '0123456789abcdef0123456789abcdef', baseUrl: mock.baseUrlFor('atttool') },
  });
}, 120_000);

// close() writes contract-coverage.json(.txt) and rejects below the minimum: the run fails.
afterAll(async () => {
  await mock?.close();
});

/** The desk, with every vendor call answered as the scenario says. */
const deskAnswering = (selected: ScenarioOptions) =>
  createRepairDesk({
    tmtFirst: { apiKey: 'test-key', baseUrl: mock.baseUrlFor('tmt-first') },
    atttool: { apiKey: '0123456789abcdef0123456789abcdef', baseUrl: mock.baseUrlFor('atttool') },
    fetch: scenarioFetch(selected),
  });

describe('booking in (TMT First)', () => {
  it('books in the vendor’s documented request and returns the job id it gives', async () => {
    const [documented] = Object.values(tmtRequests.prealert);
    const connectId = await desk.bookIn(documented!.customer_reference, documented!.make, documented!.job_description);
    expect(connectId).toBe(tmtFirst.prealert[200].prealerted.connect_id);
  });

  it('summarises a quoted job from the vendor’s own example', async () => {
    const summary = await deskAnswering(scenario(tmtFirst, 'getJob', 200, 'quoteSent')).jobSummary(12345);
    expect(summary).toEqual({ status: tmtFirst.getJob[200].quoteSent.status, quote: tmtFirst.getJob[200].quoteSent.quote.quote_price });
  });

  it('treats an unknown job as absent', async () => {
    expect(await deskAnswering(scenario(tmtFirst, 'getJob', 404, 'notFound')).jobSummary(999)).toBeUndefined();
  });
});

describe('unlocking (AT&T Tool)', () => {
  it('orders the unlock', async () => {
    const ok = atttool.placeOrder[200].successWithoutPingbackUrl;
    const result = await deskAnswering(scenario(atttool, 'placeOrder', 200, 'successWithoutPingbackUrl')).unlock('354865093010294');
    expect(result).toEqual({ kind: 'ordered', orderId: ok.order_id, cost: Number(ok.total_cost) });
  });

  it.each([
    ['notEnoughFunds', 'no-funds', 'ERR_NOT_ENOUGH_FUNDS'],
    ['invalidImei', 'bad-imei', 'ERR_INVALID_IMEI'],
    ['invalidApiKey', 'rejected', 'ERR_INVALID_API_KEY'],
  ] as const)('turns the documented %s refusal into a declined result', async (example, reason, code) => {
    const result = await deskAnswering(scenario(atttool, 'placeOrder', 200, example)).unlock('354865093010294');
    expect(result).toEqual({ kind: 'declined', reason, code });
  });
});
