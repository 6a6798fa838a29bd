@provisioning
Feature: Getting a CURRENT (test) client: through a BankID partner, or an Access request at the service desk
  In CURRENT, a BankID partner takes care of provisioning for you, and BankID strongly recommends deciding
  upon a partner early, even if you do the integration work yourself. Without a partner you may submit an
  "Access request" in BankID's service desk for the OIDC test environment; supply the required information
  and submit. BankID offers no customer support at that service desk.
  The scenarios submit requests to a mock's provisioning service (BankID provisions clients by hand).
  Sources: BankID provisioning page [S1] (bidbax copy [S2]); required information [S3][S4][S6]

  @BID-P15 @mock-only
  Rule: A BankID partner takes care of provisioning in CURRENT [S1]

    Scenario: A partner submits a complete CURRENT request
      Given a complete CURRENT provisioning request through a partner
      When the request is submitted
      Then the partner's request is granted

  @BID-P16 @mock-only
  Rule: BankID strongly recommends deciding upon a BankID partner early on [S1]

    Scenario: A service desk request is advised to choose a partner
      Given a complete CURRENT provisioning request through the service desk
      When the request is submitted
      Then the answer recommends deciding upon a BankID partner early

  @BID-P17 @mock-only
  Rule: Without a partner, an Access request at the service desk provisions a CURRENT client [S1]

    Scenario: A complete Access request at the service desk
      Given a complete CURRENT provisioning request through the service desk
      When the request is submitted
      Then the service desk request is granted

  @BID-P23 @mock-only
  Rule: The service desk offers no customer support, and says so [S1]

    Scenario: A service desk answer notes that there is no customer support
      Given a complete CURRENT provisioning request through the service desk
      When the request is submitted
      Then the answer notes that the service desk offers no customer support
