/**
 * Test helpers for vendor packages and users: `observedFetch` (an injectable recording fetch), the fault-injection rig (a real HTTP server on
 * 127.0.0.1 with scripted faults and a ledger) and a token authority to run on it. Not used by
 * the client itself.
 */
export * from './fault-server.js';
export * from './token-authority.js';
export * from './observed-fetch.js';
export * from './strict-window.js';
