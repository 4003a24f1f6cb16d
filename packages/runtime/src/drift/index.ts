/**
 * `@vendor-contracts/runtime/drift`: structured, redacted drift events from a client's hooks
 * (web-standard; the Node file helper is `@vendor-contracts/runtime/drift/node`).
 */
export { DRIFT_EVENT_VERSION, type DriftEvent, type DriftKind, driftKey } from './event.js';
export { createDriftRecorder, DEFAULT_MAX_DRIFT_KEYS, type DriftRecorder, type DriftRecorderOptions, type DriftStats, kindOf, templatePointer } from './recorder.js';
export { MAX_SHAPE_ITEMS, MAX_SHAPE_KEYS, shapeOf, type ValueShape, type ValueType } from './shape.js';
