@merchant_certificate
Feature: CURRENT: a dedicated test certificate comes from the RA self-service for PRE-PROD
  Use the RA self-service tool for PRE-PROD to order a test certificate for your organisation. When the order
  is completed, use the tool to activate the certificate too. Then download the certificate file (.bid file)
  and attach it to your provisioning request with its pre-set password, qwer1234.
  The scenarios use a mock's RA self-service and provisioning service.
  Sources: BankID provisioning page [S1]; RA user guide [S61]

  @BID-P30 @mock-only
  Rule: The RA self-service takes an order for a merchant test certificate [S1][S61]

    Scenario: Ordering a test certificate for an organisation
      When the integrator orders a merchant test certificate in the RA self-service for PRE-PROD
      Then the RA takes the order

  @BID-P31 @mock-only
  Rule: A certificate must be activated after the order before it can be used [S1][S61]

    Scenario: Using a certificate that was ordered but not activated
      Given a merchant test certificate ordered in the RA self-service for PRE-PROD
      And a complete CURRENT provisioning request through a partner
      When the integrator uses the certificate before activating it
      Then the certificate is not usable before activation

  @BID-P32 @mock-only
  Rule: The downloaded .bid file opens with the pre-set password qwer1234 [S1]

    Scenario: Downloading an activated certificate
      Given a merchant test certificate ordered in the RA self-service for PRE-PROD
      And the order is activated in the RA
      When the integrator downloads the .bid file
      Then the .bid opens with the pre-set password qwer1234 and holds the ordered certificate

  @BID-P33 @mock-only
  Rule: A request with the .bid and its pre-set password is granted [S1]

    Scenario: Attaching the .bid with the password qwer1234
      Given an activated merchant test certificate downloaded from the RA self-service
      And a complete CURRENT provisioning request through a partner
      And the downloaded .bid is attached with the password qwer1234
      When the request is submitted
      Then the request with the certificate is granted

  @BID-P33a @mock-only
  Rule: The .bid and the pre-set password must both go with the request [S1]

    Scenario: Attaching the .bid with another password
      Given an activated merchant test certificate downloaded from the RA self-service
      And a complete CURRENT provisioning request through a partner
      And the downloaded .bid is attached with the password qwerty123
      When the request is submitted
      Then the certificate request is refused, naming merchant_certificate.bid_password

    Scenario: Asking for a dedicated certificate without the .bid
      Given a complete CURRENT provisioning request through a partner
      And the request asks for a dedicated certificate without attaching a .bid
      When the request is submitted
      Then the certificate request is refused, naming merchant_certificate.bid_file
