export { type Bump, type SpecChange, BUMP_ORDER, diffSpecs, highestBump } from './classify.js';
export { type Comparison, type VendorReport, compareWithBase, formatChangelog, requiredBumps, resolveBase, vendorsIn } from './specs.js';
export { type GateFailure, checkChangesets, foundBumps, requiredChangeset, writeRequiredChangeset } from './changesets.js';
export { main } from './cli.js';
