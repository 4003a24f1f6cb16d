/**
 * `defaults` under a vendor's own options: the vendor's value wins, except where both sides can
 * sensibly apply at once — hooks (both run), headers, retry (merged by key, the vendor's keys win)
 * and middleware (the shared ones first).
 */
import type { ClientHooks, RetryOptions } from '@vendor-contracts/runtime';
import type { SharedClientOptions } from './registry.js';

export function withDefaults<O extends SharedClientOptions>(defaults: SharedClientOptions | undefined, own: O): O {
  if (!defaults) return own;
  const merged: Record<string, unknown> = { ...definedEntries(defaults), ...definedEntries(own) };
  if (defaults.hooks && own.hooks) merged.hooks = composeHooks(defaults.hooks, own.hooks);
  if (defaults.headers && own.headers) merged.headers = mergeHeaders(defaults.headers, own.headers);
  if (defaults.retry && own.retry) merged.retry = { ...definedEntries(defaults.retry), ...definedEntries(own.retry) } satisfies RetryOptions;
  if (defaults.middleware && own.middleware) merged.middleware = [...defaults.middleware, ...own.middleware];
  return merged as O;
}

/** An option set to `undefined` means "not given", so it never hides the other side's value. */
function definedEntries<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** Header names are case-insensitive: a vendor's `x-trace` replaces a shared `X-Trace`. */
function mergeHeaders(shared: Record<string, string>, own: Record<string, string>): Record<string, string> {
  const ownNames = new Set(Object.keys(own).map((name) => name.toLowerCase()));
  const kept = Object.entries(shared).filter(([name]) => !ownNames.has(name.toLowerCase()));
  return { ...Object.fromEntries(kept), ...own };
}

type HookName = keyof ClientHooks;

/**
 * Each hook present on both sides calls the shared one, then the vendor's. Both always run (a
 * failing shared logger must not silence the vendor's hook); the first error is rethrown after.
 */
export function composeHooks(shared: ClientHooks, own: ClientHooks): ClientHooks {
  const names = new Set([...Object.keys(shared), ...Object.keys(own)] as HookName[]);
  const composed: Record<string, (event: never) => void> = {};
  for (const name of names) {
    const first = shared[name] as ((this: ClientHooks, event: unknown) => void) | undefined;
    const second = own[name] as ((this: ClientHooks, event: unknown) => void) | undefined;
    if (!first && !second) continue;
    if (!first || !second) {
      const only = first ? shared : own;
      const hook = (first ?? second)!;
      composed[name] = (event) => hook.call(only, event);
      continue;
    }
    composed[name] = (event) => {
      let failure: { error: unknown } | undefined;
      for (const [hook, self] of [
        [first, shared],
        [second, own],
      ] as const) {
        try {
          hook.call(self, event);
        } catch (error) {
          failure ??= { error };
        }
      }
      if (failure) throw failure.error;
    };
  }
  return composed as ClientHooks;
}
