/**
 * The application's own logic: a repair desk that books a device in with TMT First and, for a
 * locked phone, orders its unlock from AT&T Tool. What the contract tests check is this code's
 * handling of every vendor answer, not the vendors.
 */
import { createVendorContracts, NotFoundError, type TmtFirstClient, VendorError } from '@vendor-contracts/sdk';

/** The makes TMT First accepts (from its spec, through the client's types). */
export type Make = Parameters<TmtFirstClient['prealert']>[0]['body']['make'];

export interface RepairDeskOptions {
  tmtFirst: { apiKey: string; baseUrl?: string };
  atttool: { apiKey: string; baseUrl?: string };
  /** The fetch every vendor call goes through. @default globalThis.fetch */
  fetch?: typeof fetch;
}

export type UnlockResult = { kind: 'ordered'; orderId: string; cost: number } | { kind: 'declined'; reason: 'no-funds' | 'bad-imei' | 'rejected'; code: string };

export function createRepairDesk(options: RepairDeskOptions) {
  const vendors = createVendorContracts({ tmtFirst: options.tmtFirst, atttool: options.atttool, defaults: { fetch: options.fetch } });

  return {
    /** Books a device in; returns the vendor's job id. */
    async bookIn(reference: string, make: Make, fault: string): Promise<number> {
      const { connect_id } = await vendors.tmtFirst.prealert({
        body: { customer_reference: reference, make, job_description: fault, ra_flag: 0, return_address: null },
      });
      return connect_id;
    },

    /** The job's status and quoted price, or undefined when TMT First does not know the job. */
    async jobSummary(connectId: number): Promise<{ status: string; quote: string | null } | undefined> {
      try {
        const job = await vendors.tmtFirst.getJob({ path: { connect_id: connectId } });
        return { status: job.status, quote: job.quote?.quote_price ?? null };
      } catch (error) {
        if (error instanceof NotFoundError) return undefined;
        throw error;
      }
    },

    /** Orders an unlock; the vendor's documented refusals become a `declined` result. */
    async unlock(imei: string): Promise<UnlockResult> {
      try {
        const placed = await vendors.atttool.placeOrder({ body: { imeis: [imei] } });
        return { kind: 'ordered', orderId: placed.order_id, cost: Number(placed.total_cost) };
      } catch (error) {
        if (!(error instanceof VendorError)) throw error;
        const code = error.code ?? 'unknown';
        const reason = code === 'ERR_NOT_ENOUGH_FUNDS' ? 'no-funds' : code === 'ERR_INVALID_IMEI' ? 'bad-imei' : 'rejected';
        return { kind: 'declined', reason, code };
      }
    },
  };
}
