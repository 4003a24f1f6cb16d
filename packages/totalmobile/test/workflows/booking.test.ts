/** The embedded booking flow and re-appointing, on an injected fetch that plays Connect. */
import { ConfigError } from '@vendor-contracts/runtime';
import { describe, expect, it } from 'vitest';
import {
  type AppointmentSlot,
  type AvailabilityResponse,
  availableSlots,
  type components,
  createOrderAndBook,
  NoSlotChosenError,
  reappointableAppointments,
  reappointVisit,
} from '../../src/index.js';
import { salesOrderForExistingCustomer } from '../support/bodies.js';
import { json } from '@vendor-contracts/runtime/testing';
import { client, grantingFetch, isTokenRequest } from '../support/totalmobile.js';

/** A week of availability: window 1 ALL DAY, window 2 MORNING; Tuesday's morning is Preferred. */
const AVAILABILITY: AvailabilityResponse = {
  Availability: { PrimaryOrderNumber: 'ORD-1', Date: '2018-05-07' },
  PlanningWindows: [
    { Id: 1, Name: 'ALL DAY', StartHour: 8, StartMinute: 0, EndHour: 16, EndMinute: 59 },
    { Id: 2, Name: 'MORNING', StartHour: 8, StartMinute: 0, EndHour: 12, EndMinute: 59 },
    { Id: 3, Name: 'AFTERNOON', StartHour: 13, StartMinute: 0, EndHour: 16, EndMinute: 59 },
  ],
  AvailabilityPlanningWindows: [
    {
      PlanningWindowId: 3,
      AvailabilityDays: [{ Date: '2018-05-07', AvailabilityStatus: 1, TravelTime: 10 }],
    },
    {
      PlanningWindowId: 2,
      AvailabilityDays: [
        { Date: '2018-05-07', AvailabilityStatus: 0, TravelTime: null },
        { Date: '2018-05-08', AvailabilityStatus: 2, TravelTime: 5 },
      ],
    },
    {
      PlanningWindowId: 1,
      AvailabilityDays: [
        { Date: '2018-05-07', AvailabilityStatus: 1, TravelTime: 10 },
        { Date: '2018-05-09', AvailabilityStatus: null, TravelTime: null },
      ],
    },
  ],
};

function connect(availability: unknown = AVAILABILITY) {
  const seen = grantingFetch(async (request) => {
    const path = new URL(request.url).pathname;
    if (path.endsWith('/api/SalesOrder') && request.method === 'POST') return json({}, 201);
    if (path.endsWith('/api/availability')) return json(availability);
    if (path.endsWith('/api/booking')) {
      const body = (await request.clone().json()) as Record<string, unknown>;
      return json({ PrimaryOrderNumber: body.PrimaryOrderNumber, Date: body.Date, VisitExternalId: body.VisitExternalId ?? 'VISIT-NEW', Duration: 60 });
    }
    return json({ Message: 'not here' }, 404);
  });
  const calls = () => seen.requests.filter((r) => !isTokenRequest(r)).map((r) => `${r.method} ${new URL(r.url).pathname.replace(/^.*\/api/, '/api')}${new URL(r.url).search}`);
  const bodyOf = (path: string) => JSON.parse(seen.bodies[seen.requests.findIndex((r) => new URL(r.url).pathname.endsWith(path))]!);
  return { seen, calls, bodyOf, tm: client(seen.fetch) };
}

describe('availableSlots', () => {
  it('lists Available and Preferred days only, by day then window start, with the window attached', () => {
    const slots = availableSlots(AVAILABILITY);
    expect(slots.map((s) => `${s.date} ${s.planningWindow?.Name}${s.preferred ? ' *' : ''}`)).toEqual(['2018-05-07 ALL DAY', '2018-05-07 AFTERNOON', '2018-05-08 MORNING *']);
    expect(availableSlots({})).toEqual([]);
  });
});

describe('createOrderAndBook (the embedded booking screen)', () => {
  it('SalesOrder → Availability → the preferred slot → Booking', async () => {
    const { calls, bodyOf, tm } = connect();
    const result = await createOrderAndBook(tm, { salesOrder: salesOrderForExistingCustomer, availability: { Date: '2018-05-07', NumberOfWeeks: 1 } });
    expect(calls()).toEqual(['POST /api/SalesOrder', 'GET /api/availability?Date=2018-05-07&NumberOfWeeks=1&PrimaryOrderNumber=ORD-1', 'POST /api/booking']);
    expect(bodyOf('/api/SalesOrder')).toEqual(salesOrderForExistingCustomer);
    expect(bodyOf('/api/booking')).toEqual({ PrimaryOrderNumber: 'ORD-1', Date: '2018-05-08', PlanningWindowId: 2 });
    expect(result.slot).toMatchObject({ date: '2018-05-08', planningWindowId: 2, preferred: true });
    expect(result.slots).toHaveLength(3);
    expect(result.booking).toMatchObject({ PrimaryOrderNumber: 'ORD-1', Date: '2018-05-08', VisitExternalId: 'VISIT-NEW' });
  });

  it("books the user's choice, with extra Booking fields", async () => {
    const { bodyOf, tm } = connect();
    const afternoon = (slots: readonly AppointmentSlot[]) => slots.find((s) => s.planningWindow?.Name === 'AFTERNOON');
    await createOrderAndBook(tm, { salesOrder: salesOrderForExistingCustomer, chooseSlot: afternoon, booking: { VisitInstructions: 'Ring twice', MessagingPreference: 0 } });
    expect(bodyOf('/api/booking')).toEqual({ PrimaryOrderNumber: 'ORD-1', Date: '2018-05-07', PlanningWindowId: 3, VisitInstructions: 'Ring twice', MessagingPreference: 0 });
  });

  it('no slot available, or none chosen → NoSlotChosenError, nothing booked', async () => {
    const full = connect({ ...AVAILABILITY, AvailabilityPlanningWindows: [{ PlanningWindowId: 1, AvailabilityDays: [{ Date: '2018-05-07', AvailabilityStatus: 0 }] }] });
    await expect(createOrderAndBook(full.tm, { salesOrder: salesOrderForExistingCustomer })).rejects.toBeInstanceOf(NoSlotChosenError);
    expect(full.calls()).toEqual(['POST /api/SalesOrder', 'GET /api/availability?PrimaryOrderNumber=ORD-1']);
    const declined = connect();
    const error = await createOrderAndBook(declined.tm, { salesOrder: salesOrderForExistingCustomer, chooseSlot: () => undefined }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoSlotChosenError);
    expect((error as NoSlotChosenError).slots).toHaveLength(3);
    expect(declined.calls().some((c) => c.includes('/api/booking'))).toBe(false);
  });

  it('a slot Availability did not offer is refused before booking', async () => {
    const { calls, tm } = connect();
    const invented: AppointmentSlot = { date: '2018-05-09', planningWindowId: 1, planningWindow: undefined, preferred: false };
    await expect(createOrderAndBook(tm, { salesOrder: salesOrderForExistingCustomer, chooseSlot: () => invented })).rejects.toThrow(ConfigError);
    expect(calls().some((c) => c.includes('/api/booking'))).toBe(false);
  });
});

describe('reappointVisit', () => {
  it('Availability and Booking both carry the VisitExternalId; no new order', async () => {
    const { calls, bodyOf, tm } = connect();
    const result = await reappointVisit(tm, { primaryOrderNumber: 'ORD-1', visitExternalId: 'VISIT-7', availability: { Date: '2018-05-07' } });
    expect(calls()).toEqual(['GET /api/availability?Date=2018-05-07&VisitExternalId=VISIT-7&PrimaryOrderNumber=ORD-1', 'POST /api/booking']);
    expect(bodyOf('/api/booking')).toEqual({ PrimaryOrderNumber: 'ORD-1', Date: '2018-05-08', PlanningWindowId: 2, VisitExternalId: 'VISIT-7' });
    expect(result.booking.VisitExternalId).toBe('VISIT-7');
  });

  it('without a visit id → ConfigError, nothing sent', async () => {
    const { seen, tm } = connect();
    await expect(reappointVisit(tm, { primaryOrderNumber: 'ORD-1', visitExternalId: '' })).rejects.toThrow(ConfigError);
    expect(seen.requests).toHaveLength(0);
  });
});

describe('reappointableAppointments', () => {
  const summary: components['schemas']['BookingSummaryResponse'] = {
    Appointments: [
      { VisitExternalId: 'A', VisitStatus: 5, PlanningWindowStart: '2018-05-20' }, // booked, far enough
      { VisitExternalId: 'B', VisitStatus: 5, PlanningWindowStart: '2018-05-09' }, // booked, too soon
      { VisitExternalId: 'C', VisitStatus: 3, PlanningWindowStart: '2018-05-20' }, // completed
      { VisitExternalId: null, VisitStatus: 5, PlanningWindowStart: '2018-05-20' }, // no visit id to move
      { VisitExternalId: 'D', VisitStatus: 5, PlanningWindowStart: null },
    ],
  };
  it('keeps Booked appointments not due within the next n days', () => {
    expect(reappointableAppointments(summary, { today: '2018-05-07', notWithinDays: 3 }).map((a) => a.VisitExternalId)).toEqual(['A']);
    expect(reappointableAppointments(summary, { today: '2018-05-07', notWithinDays: 1 }).map((a) => a.VisitExternalId)).toEqual(['A', 'B']);
    expect(reappointableAppointments({}, { today: '2018-05-07' })).toEqual([]);
  });
});
