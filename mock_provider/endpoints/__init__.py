"""HTTP endpoints, one module per BankID REST resource [S8]. ``realm`` holds the shared blueprint."""
