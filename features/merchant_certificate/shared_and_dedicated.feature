@merchant_certificate
Feature: A client uses BankID's shared merchant certificate unless it asks for a dedicated one
  By default, clients use a shared BankID merchant certificate that the OIDC Provider already hosts. A client
  may instead ask for a dedicated certificate; how to obtain one differs between CURRENT and PROD. BankID
  installs, hosts and manages a dedicated certificate on behalf of the requesting party: the client never
  holds or presents it. Which merchant name the BankID dialog shows with the shared certificate is not
  documented, so that check is advisory.
  The scenarios use a mock's provisioning service and RA self-service.
  Sources: BankID provisioning page [S1] (bidbax copy [S2]); shared certificate [S70][S71]; dialog [S3][S62]

  Background:
    Given the provider's discovery document

  @BID-P26 @mock-only
  Rule: A client uses the shared merchant certificate hosted by the provider by default [S1]

    Scenario: A request that does not ask for a dedicated certificate
      Given a complete CURRENT provisioning request through a partner
      When the request is submitted
      Then the client uses the shared merchant certificate

  @BID-P27 @BID-P29 @mock-only
  Rule: A requested dedicated certificate is installed and hosted by BankID for the client [S1]

    Scenario: A CURRENT client with a dedicated certificate from the RA
      Given an activated merchant test certificate downloaded from the RA self-service
      And a complete CURRENT provisioning request through a partner
      And the downloaded .bid is attached with the password qwer1234
      When the request is submitted
      Then the client uses the dedicated certificate from the .bid
      And BankID hosts the certificate and hands none of it back

    Scenario: A PROD client with a dedicated certificate ordered by BankID Norge
      Given a complete PROD provisioning request through a partner with a commercial agreement
      And the request asks BankID Norge for a dedicated certificate
      When the request is submitted
      Then the client uses the dedicated certificate it asked for
      And BankID hosts the certificate and hands none of it back

  @BID-P28 @mock-only
  Rule: Each environment has its own procedure for a dedicated certificate [S1]

    Scenario: A CURRENT request for a dedicated certificate without the RA's .bid is refused
      Given a complete CURRENT provisioning request through a partner
      And the request asks for a dedicated certificate without attaching a .bid
      When the request is submitted
      Then the request is refused for following the wrong environment's procedure, naming merchant_certificate

    Scenario: A PROD request with a .bid attached is refused
      Given an activated merchant test certificate downloaded from the RA self-service
      And a complete PROD provisioning request through a partner with a commercial agreement
      And the downloaded .bid is attached with the password qwer1234
      When the request is submitted
      Then the request is refused for following the wrong environment's procedure, naming merchant_certificate

  @BID-P36 @mock-only
  Rule: The dialog shows the merchant certificate's name: the shared one, or the dedicated CN (advisory) [S3][S62]

    Scenario: The dialog of a client with the shared certificate
      Given a complete CURRENT provisioning request through a partner
      When the request is submitted
      And the client's login dialog is opened
      Then the dialog shows the shared merchant certificate's name

    Scenario: The dialog of a client with a dedicated certificate
      Given an activated merchant test certificate downloaded from the RA self-service
      And a complete CURRENT provisioning request through a partner
      And the downloaded .bid is attached with the password qwer1234
      When the request is submitted
      And the client's login dialog is opened
      Then the dialog shows the dedicated certificate's common name
