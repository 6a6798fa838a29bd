@provisioning
Feature: Getting a PROD client: only through a BankID partner with a commercial agreement
  A production client needs a commercial agreement with a BankID partner, and the partner takes care of
  provisioning it. The service desk Access request is for CURRENT only.
  The scenarios submit requests to a mock's provisioning service (BankID provisions clients by hand).
  Sources: BankID provisioning page [S1] (bidbax copy [S2])

  @BID-P24 @mock-only
  Rule: A production client needs a commercial agreement with a BankID partner [S1]

    Scenario: A PROD request through the service desk is refused
      Given a complete PROD provisioning request through the service desk
      When the request is submitted
      Then the production request is refused, naming channel

    Scenario: A PROD request from a partner without a commercial agreement is refused
      Given a complete PROD provisioning request through a partner without a commercial agreement
      When the request is submitted
      Then the production request is refused, naming partner.commercial_agreement

  @BID-P25 @mock-only
  Rule: A partner with a commercial agreement takes care of provisioning in PROD [S1]

    Scenario: A partner with a commercial agreement submits a complete PROD request
      Given a complete PROD provisioning request through a partner with a commercial agreement
      When the request is submitted
      Then the production request is granted
