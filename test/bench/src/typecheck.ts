import type { SectionResult } from './report.js'; export async function typecheckSection(_quick: boolean): Promise<SectionResult> { throw new Error('todo'); }
