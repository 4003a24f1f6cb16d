/** For editors and `npx vitest`: every workspace project at once. CI runs each through Nx. */
import { defineConfig } from 'vitest/config';

export default defineConfig({ test: { projects: ['packages/*', 'tools/*', 'test/contract', 'test/docs', 'test/reliability', 'test/bench'] } });
