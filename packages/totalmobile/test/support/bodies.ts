/** Valid request bodies (from the spec's tables and x-invalid-examples, made valid). */
export const customer = {
  ExternalId: 'PROP-1',
  Name: 'TEST CUSTOMER',
  OrganisationExternalId: 'ORG-1',
  CustomerAddress: { ExternalId: 'ADDR-1', Address1: '1 High Street', City: 'Belfast', PostCode: 'BT1 1AA' },
  CustomerContact: { ExternalId: 'CON-1', FirstName: 'TEST', LastName: 'CUSTOMER' },
};

export const purchaseInvoice = {
  SupplierExternalId: 'SUP-1',
  PurchaseInvoiceCategory: 0 as const,
  SupplierInvoiceReference: 'INV-1',
  InvoiceDateUTC: '2021-03-31',
  PaymentTerms: 1 as const,
  GoodsValue: 100,
};

export const salesOrderForExistingCustomer = {
  PrimaryOrderNumber: 'ORD-1',
  Customer: { ExternalId: 'CUST-1', OrganisationExternalId: 'ORG-1' },
  UseExistingCustomerDetails: true as const,
  ContractExternalId: 'CON-1',
  TargetDateUTC: '2021-03-31',
  PriorityExternalId: 'P1',
  JobDescription: 'Bath leak',
};
