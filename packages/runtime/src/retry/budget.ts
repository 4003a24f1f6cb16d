/**
 * A client-wide retry budget (AWS SDK v3's "standard" retry quota): every retry spends
 * `retryCost` tokens from a bucket of `capacity`; a call that succeeds without retrying adds one
 * back, and one that succeeds after retrying returns what its retries cost. When the bucket is
 * empty, failures are not retried, so a full outage costs at most `calls + capacity / retryCost`
 * requests instead of `calls × (maxRetries + 1)`.
 */
export interface RetryBudgetOptions {
  /** @default 500 */
  capacity?: number;
  /** Tokens one retry spends. @default 5 */
  retryCost?: number;
}

export class RetryBudget {
  readonly capacity: number;
  readonly retryCost: number;
  private tokens: number;

  constructor(options: RetryBudgetOptions = {}) {
    this.capacity = Math.max(0, options.capacity ?? 500);
    this.retryCost = Math.max(0, options.retryCost ?? 5);
    this.tokens = this.capacity;
  }

  /** Tokens left. */
  get available(): number {
    return this.tokens;
  }

  /** Spend the cost of one retry; false (and nothing spent) when the budget cannot pay it. */
  tryAcquire(): boolean {
    if (this.tokens < this.retryCost) return false;
    this.tokens -= this.retryCost;
    return true;
  }

  /** A call succeeded after `retries` retries. */
  onSuccess(retries: number): void {
    this.tokens = Math.min(this.capacity, this.tokens + (retries > 0 ? retries * this.retryCost : 1));
  }
}
