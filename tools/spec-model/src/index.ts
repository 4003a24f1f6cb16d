export { EXTENSIONS, type ExtensionName, declared, documentationExtensions, extension } from './extensions.js';
export { type Bump, type ExtensionDeclaration, type Fill, type SemverClass, type SemverEffect, defineExtension } from './registry.js';
export { type ExtensionSite, LOCATIONS, type Location, extensionSites, isExtensionKey } from './sites.js';
export { type ExtensionProblem, checkExtensions } from './check.js';
export { type ChangeAction, effectToBump, extensionBump, extensionNote } from './semver.js';
export { README_COMMAND, TABLE_END, TABLE_START, renderExtensionsTable, withExtensionsTable } from './readme.js';
export { type Segment, escapeToken, parsePointer, pointerOf, unescapeToken, valueAt } from './pointer.js';
export { isObject, refTarget, resolveComponent, resolveRef, tryResolveRef } from './refs.js';
export { HTTP_METHODS, type HttpMethodKey, type LoadedSpec, type OperationEntry, listOperations, loadSpec, parseSpec } from './spec.js';
