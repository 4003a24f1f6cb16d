/** Everything `@vendor-contracts/telecomx` exports, so an app that needs only this vendor bundles only it. */
export * from '@vendor-contracts/telecomx';
