/**
 * The document's embedded booking screen (section 1.3): create the order in Connect
 * (SalesOrder), ask for availability (Availability), let the user pick a slot, book it (Booking);
 * and re-arranging an appointment: Availability and Booking again with the visit's
 * VisitExternalId. These helpers compose the generated operations; every call keeps the
 * client's validation, retries and token handling.
 */
import { ConfigError, type OperationInput, type RequestOptions, VendorContractsError } from '@vendor-contracts/runtime';
import { AvailabilityStatusValues, VisitStatusValues } from '../generated/schemas.js';
import type { components } from '../generated/types.js';
import type { TotalmobileClient } from '../client.js';
import type { TotalmobileOperations } from '../generated/index.js';
import { formatDate, parseDate } from '../dates.js';

type Schemas = components['schemas'];
export type AvailabilityQuery = OperationInput<TotalmobileOperations['getAvailability']>['query'];

/** One bookable appointment slot: a day and a planning window with availability. */
export interface AppointmentSlot {
  /** The day, `yyyy-MM-dd`. */
  date: string;
  planningWindowId: number;
  /** The planning window (name, hours) when the availability response lists it. */
  planningWindow: Schemas['PlanningWindow'] | undefined;
  /** AvailabilityStatus Preferred (2) rather than Available (1). */
  preferred: boolean;
}

/** Picks the slot to book from those offered (e.g. the user's choice); `undefined` books nothing. */
export type ChooseSlot = (slots: readonly AppointmentSlot[]) => AppointmentSlot | undefined | Promise<AppointmentSlot | undefined>;

/** Nothing was booked: no slot was available, or `chooseSlot` chose none. */
export class NoSlotChosenError extends VendorContractsError {
  readonly slots: readonly AppointmentSlot[];

  constructor(primaryOrderNumber: string, slots: readonly AppointmentSlot[]) {
    super(`totalmobile: no appointment booked for order ${JSON.stringify(primaryOrderNumber)} (${slots.length} slot(s) offered, none chosen)`, {
      vendor: 'totalmobile',
      operationId: 'createBooking',
    });
    this.slots = slots;
  }
}

/** The default choice: the first preferred slot, else the first available one. */
export const firstPreferredSlot: ChooseSlot = (slots) => slots.find((slot) => slot.preferred) ?? slots[0];

/** The bookable slots of an availability response, by day and then planning window start time. */
export function availableSlots(availability: Schemas['AvailabilityResponse']): AppointmentSlot[] {
  const windows = new Map((availability.PlanningWindows ?? []).filter((w) => typeof w.Id === 'number').map((w) => [w.Id!, w]));
  const slots: AppointmentSlot[] = [];
  for (const byWindow of availability.AvailabilityPlanningWindows ?? []) {
    if (typeof byWindow.PlanningWindowId !== 'number') continue;
    for (const day of byWindow.AvailabilityDays ?? []) {
      const status = day.AvailabilityStatus;
      if (!day.Date || (status !== AvailabilityStatusValues.Available && status !== AvailabilityStatusValues.Preferred)) continue;
      slots.push({
        date: day.Date,
        planningWindowId: byWindow.PlanningWindowId,
        planningWindow: windows.get(byWindow.PlanningWindowId),
        preferred: status === AvailabilityStatusValues.Preferred,
      });
    }
  }
  const start = (slot: AppointmentSlot) => (slot.planningWindow?.StartHour ?? 0) * 60 + (slot.planningWindow?.StartMinute ?? 0);
  return slots.sort((a, b) => a.date.localeCompare(b.date) || start(a) - start(b) || a.planningWindowId - b.planningWindowId);
}

/** Availability (GET) for an order, as bookable slots. */
export async function findAppointmentSlots(client: TotalmobileClient, query: AvailabilityQuery, options?: RequestOptions): Promise<AppointmentSlot[]> {
  return availableSlots(await client.getAvailability({ query }, options));
}

export interface BookSlotInput {
  primaryOrderNumber: string;
  slot: AppointmentSlot;
  /** The visit to move, when re-arranging an existing appointment. */
  visitExternalId?: string;
  /** Other Booking fields (VisitInstructions, MessagingPreference, …). */
  booking?: Omit<Schemas['Booking'], 'PrimaryOrderNumber' | 'Date' | 'PlanningWindowId' | 'VisitExternalId'>;
}

/** Booking (POST) of one slot. */
export function bookSlot(client: TotalmobileClient, input: BookSlotInput, options?: RequestOptions): Promise<Schemas['BookingResponse']> {
  const body: Schemas['Booking'] = {
    ...input.booking,
    PrimaryOrderNumber: input.primaryOrderNumber,
    Date: input.slot.date,
    PlanningWindowId: input.slot.planningWindowId,
    ...(input.visitExternalId !== undefined ? { VisitExternalId: input.visitExternalId } : {}),
  };
  return client.createBooking({ body }, options);
}

export interface BookingFlowResult {
  /** The slots Availability offered. */
  slots: AppointmentSlot[];
  /** The slot booked. */
  slot: AppointmentSlot;
  booking: Schemas['BookingResponse'];
}

export interface CreateOrderAndBookInput {
  /** The works order to create (SalesOrder POST); its PrimaryOrderNumber is used for the booking. */
  salesOrder: Schemas['SalesOrder'];
  /** Extra Availability parameters (Date, NumberOfWeeks, …). */
  availability?: Omit<AvailabilityQuery, 'PrimaryOrderNumber'>;
  /** @default firstPreferredSlot */
  chooseSlot?: ChooseSlot;
  booking?: BookSlotInput['booking'];
}

/** The embedded booking flow: SalesOrder (POST) → Availability → your choice → Booking. */
export async function createOrderAndBook(client: TotalmobileClient, input: CreateOrderAndBookInput, options?: RequestOptions): Promise<BookingFlowResult> {
  const primaryOrderNumber = input.salesOrder.PrimaryOrderNumber;
  await client.createSalesOrder({ body: input.salesOrder }, options);
  return chooseAndBook(client, { primaryOrderNumber, availability: input.availability, chooseSlot: input.chooseSlot, booking: input.booking }, options);
}

export interface ReappointVisitInput {
  primaryOrderNumber: string;
  /** The visit to move (from BookingSummary's appointments or an earlier BookingResponse). */
  visitExternalId: string;
  availability?: Omit<AvailabilityQuery, 'PrimaryOrderNumber' | 'VisitExternalId'>;
  /** @default firstPreferredSlot */
  chooseSlot?: ChooseSlot;
  booking?: BookSlotInput['booking'];
}

/** Re-arranging an appointment: Availability and Booking for the same order with the visit's VisitExternalId. */
export function reappointVisit(client: TotalmobileClient, input: ReappointVisitInput, options?: RequestOptions): Promise<BookingFlowResult> {
  if (typeof input.visitExternalId !== 'string' || input.visitExternalId === '') {
    return Promise.reject(new ConfigError('totalmobile: reappointVisit needs the visitExternalId of the visit to move', { vendor: 'totalmobile' }));
  }
  return chooseAndBook(client, { ...input, availability: { ...input.availability, VisitExternalId: input.visitExternalId } }, options);
}

export interface ReappointableOptions {
  /** Appointments due within this many days cannot be re-appointed (the document's "n"). @default 0 */
  notWithinDays?: number;
  /** Today, `yyyy-MM-dd`. @default today in UTC */
  today?: string;
}

/**
 * The appointments of a BookingSummary that may be re-appointed: status Booked and not due within
 * the next `notWithinDays` days (the document's rule).
 */
export function reappointableAppointments(
  summary: Schemas['BookingSummaryResponse'],
  options: ReappointableOptions = {},
): Array<Schemas['Appointment'] & { VisitExternalId: string }> {
  const today = parseDate(options.today ?? formatDate(new Date()));
  const earliest = formatDate(new Date(today.getTime() + (options.notWithinDays ?? 0) * 86_400_000));
  return (summary.Appointments ?? []).filter(
    (a): a is Schemas['Appointment'] & { VisitExternalId: string } =>
      a.VisitStatus === VisitStatusValues.Booked &&
      typeof a.VisitExternalId === 'string' &&
      typeof a.PlanningWindowStart === 'string' &&
      a.PlanningWindowStart.slice(0, 10) > earliest,
  );
}

async function chooseAndBook(
  client: TotalmobileClient,
  input: {
    primaryOrderNumber: string;
    visitExternalId?: string;
    availability?: Omit<AvailabilityQuery, 'PrimaryOrderNumber'>;
    chooseSlot?: ChooseSlot;
    booking?: BookSlotInput['booking'];
  },
  options?: RequestOptions,
): Promise<BookingFlowResult> {
  const { primaryOrderNumber } = input;
  const slots = await findAppointmentSlots(client, { ...input.availability, PrimaryOrderNumber: primaryOrderNumber }, options);
  const chosen = slots.length > 0 ? await (input.chooseSlot ?? firstPreferredSlot)(slots) : undefined;
  if (!chosen) throw new NoSlotChosenError(primaryOrderNumber, slots);
  // Only a slot Availability offered can be booked; anything else would be a guess at the vendor's calendar.
  const slot = slots.find((s) => s.date === chosen.date && s.planningWindowId === chosen.planningWindowId);
  if (!slot) throw new ConfigError('totalmobile: chooseSlot returned a slot that Availability did not offer', { vendor: 'totalmobile', operationId: 'createBooking' });
  const booking = await bookSlot(
    client,
    { primaryOrderNumber, slot, visitExternalId: input.visitExternalId ?? input.availability?.VisitExternalId, booking: input.booking },
    options,
  );
  return { slots, slot, booking };
}
