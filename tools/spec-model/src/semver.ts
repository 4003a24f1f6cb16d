/** spec-diff's verdict on a change to a declared extension, read from its declaration. */
import { extension } from './extensions.js';
import type { Bump, SemverEffect } from './registry.js';

export type ChangeAction = 'add' | 'remove' | 'change';

/**
 * The bump for `action` on extension `name`, or undefined when `name` is not declared (the caller
 * then reports it as unclassified). `direction` says whether the extension stands in a schema of
 * something sent (`request`) or received (`response`); outside a schema `narrows`/`widens` are major.
 */
export function extensionBump(name: string, action: ChangeAction, direction?: 'request' | 'response'): Bump | undefined {
  const declaration = extension(name);
  if (!declaration) return undefined;
  return effectToBump(declaration.semver[action], direction);
}

export function effectToBump(effect: SemverEffect, direction?: 'request' | 'response'): Bump {
  if (effect !== 'narrows' && effect !== 'widens') return effect;
  if (direction === 'request') return effect === 'narrows' ? 'major' : 'minor';
  if (direction === 'response') return effect === 'widens' ? 'major' : 'minor';
  return 'major';
}

/** The changelog explanation the declaration gives for `action`, if any. */
export function extensionNote(name: string, action: ChangeAction): string | undefined {
  return extension(name)?.semver.notes?.[action];
}
