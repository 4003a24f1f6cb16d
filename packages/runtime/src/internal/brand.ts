/**
 * Error classes that recognise each other across copies of this package.
 *
 * npm installs a second copy of `@vendor-contracts/runtime` whenever two packages ask for versions
 * that do not overlap (a vendor package pinned to one runtime, the app to another). Each copy has
 * its own classes, so a plain `error instanceof RequestValidationError` is false for an error the
 * other copy threw and every documented `catch` falls through. So each error class carries a brand
 * from the global symbol registry (`Symbol.for`, shared by every copy in the process, unlike
 * `Symbol()`), on its prototype, and `instanceof` checks the brand instead of the prototype chain.
 * Subclassing works as usual: a subclass's prototype inherits its parents' brands, so a
 * `TimeoutError` is `instanceof ConnectionError` and `VendorContractsError` in every copy, and a
 * `ConnectionError` is never `instanceof ApiError`. A class without a brand of its own (a subclass
 * a vendor package or a user writes) falls back to the ordinary prototype check.
 *
 * The brand names the class, not the version: a class's documented fields are part of the public
 * API and change only with a major version of the runtime.
 */

/** Where a branded class keeps the symbol its instances carry. */
const BRAND_OF_CLASS = Symbol.for('@vendor-contracts/runtime/brand');

/** The registry key of one class's brand: `@vendor-contracts/runtime/<name>`. */
export function brandSymbol(name: string): symbol {
  return Symbol.for(`@vendor-contracts/runtime/${name}`);
}

type Class = abstract new (...args: never[]) => object;

/** `instanceof` for branded classes: the brand when the class has one of its own, else the prototype chain. */
function hasInstance(this: Class, value: unknown): boolean {
  if (!Object.hasOwn(this, BRAND_OF_CLASS)) return Function.prototype[Symbol.hasInstance].call(this, value);
  const brand = (this as unknown as Record<symbol, symbol>)[BRAND_OF_CLASS]!;
  return (typeof value === 'object' || typeof value === 'function') && value !== null && (value as Record<symbol, unknown>)[brand] === true;
}

/**
 * Brands each class under its name. The names are given as object keys (not read from
 * `Class.name`) so that a minifier renaming the classes does not change their brands.
 */
export function brandClasses(classes: Record<string, Class>): void {
  for (const [name, Cls] of Object.entries(classes)) {
    const brand = brandSymbol(name);
    Object.defineProperty(Cls.prototype, brand, { value: true });
    Object.defineProperty(Cls, BRAND_OF_CLASS, { value: brand });
    Object.defineProperty(Cls, Symbol.hasInstance, { value: hasInstance });
  }
}
