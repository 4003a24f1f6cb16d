// The rig lives in src/testing so vendor packages can use it too (`@vendor-contracts/runtime/testing`).
export * from '../../src/testing/fault-server.js';
