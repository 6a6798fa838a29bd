"""The authorization request of BankID's ``/precheck/auth`` [S15][S16]: parsing, API-v4 rules, PAR and
request objects, and how answers travel back to the client (redirect, fragment, form_post)."""
