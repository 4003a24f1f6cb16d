/** Flows the Totalmobile document describes (embedded booking, re-appointing), composed of the client's operations. */
export {
  type AppointmentSlot,
  type AvailabilityQuery,
  availableSlots,
  type BookingFlowResult,
  bookSlot,
  type BookSlotInput,
  type ChooseSlot,
  createOrderAndBook,
  type CreateOrderAndBookInput,
  findAppointmentSlots,
  firstPreferredSlot,
  NoSlotChosenError,
  reappointableAppointments,
  type ReappointableOptions,
  reappointVisit,
  type ReappointVisitInput,
} from './booking.js';
