import type { SectionResult } from './report.js'; export async function codegenSection(_quick: boolean): Promise<SectionResult> { throw new Error('todo'); }
