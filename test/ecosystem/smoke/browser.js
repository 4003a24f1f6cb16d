// Entry bundled for the browser: the page calls `window.runSmoke(mockUrl)`.
import { runSmoke } from './smoke.js';

globalThis.runSmoke = runSmoke;
