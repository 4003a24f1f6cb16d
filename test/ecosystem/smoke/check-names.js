// The smoke suite's checks, in order: the harness builds the matrix from this list, so a check a
// runtime did not report is a failed cell, not a missing one.
export const CHECK_NAMES = [
  'call tmt-first',
  'call telecomx',
  'call infocare',
  'call totalmobile',
  'call atttool',
  'validation error',
  'vendor error',
  'retry',
  'timeout',
  'abort',
  'workflow sleep abort',
  'facade',
  'pingback receiver',
];
