import type { SectionResult } from './report.js'; export async function bundleSection(_quick: boolean): Promise<SectionResult> { throw new Error('todo'); }
