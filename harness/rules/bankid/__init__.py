"""BankID's own checkable rules, PROVIDER-FACTS §10, one module per area; ids are ``BID-R<n>``."""
