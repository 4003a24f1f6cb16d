/** The AT&T Tool pingback receiver (Node server side), for apps that install only the facade. */
export * from '@vendor-contracts/atttool/pingback';
