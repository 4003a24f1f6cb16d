/**
 * Reference ↔ order bindings. The capability token signs only the reference, so on its own a URL
 * that leaked would let its holder report *any* order as completed. Recording which order was
 * placed under each reference (when `placeOrder` returns) makes a URL authorise exactly one order:
 * the receiver refuses a delivery whose `order_id` is not the one bound to its reference.
 */
import { BindingConflictError, type BindingStore } from '@vendor-contracts/runtime';
import { normalizeOrderId } from './order-id.js';

/**
 * Where bindings live: the in-memory default below, or a shared, durable store (Redis, SQL, or
 * your own orders table: `get` may read the order id you already saved beside the reference).
 * Keep a binding for as long as the vendor may deliver the order's pingback: until the order has
 * completed and its pingback was answered 200, plus the vendor's redelivery period (days).
 * It is the runtime's `BindingStore` with the reference as key and the order id as value, so
 * `PostgresBindingStore` and `RedisBindingStore` are ones.
 */
export type PingbackBindingStore = BindingStore;

/** `bind` was asked to move a reference to another order; the first binding stands. */
export class PingbackBindingConflictError extends BindingConflictError {
  constructor(readonly reference: string) {
    super(reference);
    this.message = `atttool: pingback reference ${JSON.stringify(reference)} is already bound to another order (a reference authorises one order)`;
  }
}

export interface MemoryPingbackBindingStoreOptions {
  /** Bindings kept (oldest forgotten first), so memory stays bounded. @default 100000 */
  maxBindings?: number;
}

/**
 * The default store: one process, lost on restart. A pingback whose binding was forgotten is
 * answered 503 until the vendor gives up (the handler never runs unbound), so use a durable store
 * when orders can outlive the process or you run several receivers.
 */
export class MemoryPingbackBindingStore implements PingbackBindingStore {
  // A Map iterates in insertion order, so its first key is the oldest binding.
  readonly #orders = new Map<string, string>();
  readonly #maxBindings: number;

  constructor(options: MemoryPingbackBindingStoreOptions = {}) {
    this.#maxBindings = options.maxBindings ?? 100_000;
    if (!(this.#maxBindings >= 1)) throw new RangeError('atttool: maxBindings must be at least 1');
  }

  async bind(reference: string, orderId: string): Promise<void> {
    const order = normalizeOrderId(orderId);
    const bound = this.#orders.get(reference);
    if (bound === order) return;
    if (bound !== undefined) throw new PingbackBindingConflictError(reference);
    this.#orders.set(reference, order);
    if (this.#orders.size > this.#maxBindings) this.#orders.delete(this.#orders.keys().next().value!);
  }

  async get(reference: string): Promise<string | undefined> {
    return this.#orders.get(reference);
  }
}
