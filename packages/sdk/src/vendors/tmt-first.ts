/** Everything `@vendor-contracts/tmt-first` exports, so an app that needs only this vendor bundles only it. */
export * from '@vendor-contracts/tmt-first';
