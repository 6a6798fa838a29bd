@provisioning
Feature: A client must be provisioned, once per environment, and provisioning issues its credentials
  BankID's OpenID Connect Provider serves only clients that have been provisioned (configured) for it.
  Provisioning is a separate process for each environment, CURRENT (test) and PROD, and it ends with
  security credentials for the party that asked: a client_id and a client_secret. Client configurations
  are kept when BankID releases a new version of the provider.
  Only the first scenario can run against BankID itself; the others submit requests to a mock's
  provisioning service, because BankID provisions clients by hand.
  Sources: BankID provisioning page [S1] (bidbax copy [S2]); request lists [S3][S4][S6]; client ids [S16][S26]

  Background:
    Given the provider's discovery document

  @BID-P1 @mock-and-live
  Rule: A client must be provisioned to gain access to the provider's services [S1]

    Scenario: A client that was never provisioned asks for a token
      When a client that was never provisioned asks for a token
      Then it is refused because it was never provisioned

  @BID-P2 @mock-only
  Rule: Requesters are pointed to the non-technical getting-started introduction (advisory) [S1]

    Scenario: An answer to a service desk request refers to the getting-started introduction
      Given a complete CURRENT provisioning request through the service desk
      When the request is submitted
      Then the answer points to the non-technical getting-started introduction

  @BID-P3 @BID-P3a @mock-only
  Rule: Each request is for one supported environment, CURRENT or PROD (PREPROD not offered is advisory) [S1][S10]

    Scenario: A request for an environment BankID does not offer is refused
      Given a complete CURRENT provisioning request through a partner
      And the request asks for the PREPROD environment
      When the request is submitted to the PREPROD provisioning
      Then the request is refused for an environment BankID does not offer

    Scenario: A request for CURRENT sent to the PROD provisioning is refused
      Given a complete CURRENT provisioning request through a partner
      When the request is submitted to the PROD provisioning
      Then the request is refused for its environment

  @BID-P4 @BID-P4a @mock-only
  Rule: Provisioning issues security credentials to the requesting party [S1][S6]

    Scenario: A granted request returns a client_id and a client_secret
      Given a complete CURRENT provisioning request through a partner
      When the request is submitted
      Then security credentials are issued to the requesting party
      And the client_id is the client name followed by -bankid- and the environment

  @BID-P14 @BID-P5 @mock-only
  Rule: Client configurations are kept across releases of the provider [S1][S3]

    Scenario: A new release keeps a provisioned client's configuration and credentials
      Given a client provisioned in CURRENT through a partner
      And the client's configuration as provisioned
      When the provider moves to a new release
      Then the client's configuration is unchanged
      And the client's credentials still authenticate at the token endpoint
