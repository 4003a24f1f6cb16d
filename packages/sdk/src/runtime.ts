/** Everything `@vendor-contracts/runtime` exports: the errors to catch, option and hook types, `cachedToken`. */
export * from '@vendor-contracts/runtime';
