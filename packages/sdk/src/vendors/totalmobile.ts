/** Everything `@vendor-contracts/totalmobile` exports, so an app that needs only this vendor bundles only it. */
export * from '@vendor-contracts/totalmobile';
