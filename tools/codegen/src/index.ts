export { discoverVendors, type VendorTarget, workspaceRoot } from './config.js';
export { generateVendor } from './generate.js';
export { GENERATED_MARKER, generatedHeader, isGenerated } from './header.js';
export { describeDrift, type Drift, diffOutput, writeOutput } from './write.js';
export { ZodEmitter, SchemaError } from './emit/zod.js';
export { emitSchemas } from './emit/schemas.js';
export { loadSpec, listOperations } from './spec.js';
export { dereference, SHIPPED_SPEC, shipSpec } from './ship.js';
export { emitExamples, namedExamples } from './emit/examples.js';
