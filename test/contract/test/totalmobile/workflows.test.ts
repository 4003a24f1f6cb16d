/**
 * The Totalmobile workflow helpers against Prism: each step of the embedded booking flow and of
 * re-appointing is a request the spec accepts, in the document's order. Availability answers with
 * the spec's `bookingScreenWeek` example (the document's booking screen: Thursday and Friday free).
 */
import { createOrderAndBook, createTotalmobileClient, formatLocalDateTime, parseLocalDateTime, reappointVisit } from '@vendor-contracts/totalmobile';
import { describe, expect, it } from 'vitest';
import { recordingFetch, usePrism } from '../../src/harness.js';
import { PASSWORD, USERNAME } from './contract.js';

const prism = usePrism('totalmobile');
const salesOrder = {
  PrimaryOrderNumber: 'ORD-1',
  Customer: { ExternalId: 'CUST-1', OrganisationExternalId: 'ORG-1' },
  UseExistingCustomerDetails: true as const,
  ContractExternalId: 'CON-1',
  TargetDateUTC: '2018-05-10',
  PriorityExternalId: 'P1',
  JobDescription: 'Bath leak',
};

function connect() {
  const recorded = recordingFetch();
  const client = createTotalmobileClient({ username: USERNAME, password: PASSWORD, baseUrl: prism.baseUrl, fetch: recorded.fetch });
  const steps = () => recorded.calls.filter((c) => c.url.pathname !== '/token');
  const calls = () => steps().map((c) => `${c.method} ${c.url.pathname} ${c.status}`);
  return { client, calls, steps };
}

describe('totalmobile workflows on Prism', () => {
  it('createOrderAndBook: SalesOrder → Availability → the first free slot (Thursday ALL DAY) → Booking', async () => {
    const { client, calls, steps } = connect();
    const result = await createOrderAndBook(client, { salesOrder, availability: { Date: '2018-05-07' } });
    expect(calls()).toEqual(['POST /api/SalesOrder 201', 'GET /api/availability 200', 'POST /api/booking 200']);
    expect(result.slots.map((s) => `${s.date} ${s.planningWindow?.Name}`)).toEqual([
      '2018-05-10 ALL DAY',
      '2018-05-10 MORNING',
      '2018-05-10 SCHOOL RUN',
      '2018-05-10 AFTERNOON',
      '2018-05-11 ALL DAY',
      '2018-05-11 MORNING',
      '2018-05-11 SCHOOL RUN',
      '2018-05-11 AFTERNOON',
    ]);
    expect(steps()[2]!.body).toEqual({ PrimaryOrderNumber: 'ORD-1', Date: '2018-05-10', PlanningWindowId: 1 });
  });

  it("reappointVisit: Availability and Booking carry the visit's VisitExternalId", async () => {
    const { client, calls, steps } = connect();
    const friday = await reappointVisit(client, {
      primaryOrderNumber: 'ORD-1',
      visitExternalId: 'VISIT-7',
      chooseSlot: (slots) => slots.find((s) => s.date === '2018-05-11' && s.planningWindow?.Name === 'MORNING'),
    });
    expect(friday.slot).toMatchObject({ date: '2018-05-11', planningWindowId: 2 });
    expect(calls()).toEqual(['GET /api/availability 200', 'POST /api/booking 200']);
    expect(steps()[0]!.url.searchParams.get('VisitExternalId')).toBe('VISIT-7');
    expect(steps()[1]!.body).toEqual({ PrimaryOrderNumber: 'ORD-1', Date: '2018-05-11', PlanningWindowId: 2, VisitExternalId: 'VISIT-7' });
  });

  it('BookingSummary takes its window in yyyy-MM-dd HH:mm:ss, formatted from a Date', async () => {
    const { client, calls, steps } = connect();
    const start = parseLocalDateTime('2018-05-07 00:00:00', { timeZone: 'Europe/London' });
    await client.getBookingSummary({
      query: { PrimaryOrderNumber: 'ORD-1', WindowStart: formatLocalDateTime(start, { timeZone: 'Europe/London' }), WindowEnd: '2018-05-13 23:59:59' },
    });
    expect(calls()).toEqual(['GET /api/BookingSummary 200']);
    expect(steps()[0]!.url.searchParams.get('WindowStart')).toBe('2018-05-07 00:00:00');
  });
});
