/**
 * @vendor-contracts/mock — the vendors' contracts for your own tests: mocks of the shipped specs
 * (real Prism), scenarios by documented example, contract coverage with a gate, and live
 * verification of a real vendor environment against its spec.
 */
export { startMock, type Mock, type MockOptions } from './start-mock.js';
export { scenario, scenarioFetch, ScenarioError, type ExampleCatalogue, type ExampleNameOf, type ScenarioOptions, type StatusOf } from './scenario.js';
export {
  assertCoverage,
  CoverageError,
  formatCoverage,
  type CoverageItem,
  type CoverageReport,
  type OperationCoverage,
  type VendorCoverage,
} from './coverage.js';
export { verifyLive, type LiveOptions, type LiveVerification } from './verify-live.js';
export type { DriftFinding, DriftReport } from './drift.js';
export { resolveVendorSpec } from './contract.js';
export { freePort, startPrism, startPrismHost, type PrismHost, type PrismHostSpec, type PrismOptions, type PrismServer } from './prism.js';
