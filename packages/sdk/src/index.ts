/**
 * @vendor-contracts/sdk — one configuration for every vendor (`createVendorContracts`), plus the
 * runtime's errors and types so one import covers both. Each vendor package is also re-exported
 * whole as a subpath (`@vendor-contracts/sdk/tmt-first`, …): import only those you use to keep the
 * others out of a bundle.
 */
export { createVendorContracts, type VendorContracts, type VendorContractsConfig } from './facade.js';
export type { SharedClientOptions, VendorClients, VendorKey, VendorOptions } from './registry.js';
export type { AtttoolClient, AtttoolClientOptions } from '@vendor-contracts/atttool';
export type { InfocareClient, InfocareClientOptions } from '@vendor-contracts/infocare';
export type { TelecomxClient, TelecomxClientOptions } from '@vendor-contracts/telecomx';
export type { TmtFirstClient, TmtFirstClientOptions } from '@vendor-contracts/tmt-first';
export type { TotalmobileClient, TotalmobileClientOptions } from '@vendor-contracts/totalmobile';
export * from './runtime.js';
