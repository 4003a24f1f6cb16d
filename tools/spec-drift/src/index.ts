export { type Input, type Observation, readInput } from './input.js';
export { type DocPath, type Located, locate, responseSchema, toJsonPath } from './locate.js';
export { type Evidence, type Overlay, type OverlayAction, type Proposal, propose } from './propose.js';
export { type Applied, applyOverlay, type OverlayDocument } from './overlay.js';
export { changesetText, formatReview, type Review, type ReviewOptions, review } from './review.js';
export { main } from './cli.js';
