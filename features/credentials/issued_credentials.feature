@credentials
Feature: The issued credentials authenticate the client at the token, introspection and PAR endpoints
  Provisioning results in security credentials, and the client must use them to authenticate with selected
  endpoints of the provider's REST API: the token endpoint, token introspection and pushed authorization
  requests (PAR). The credentials are all a client needs: no certificate or further set-up. They belong to
  one environment: a CURRENT client is not known in PROD.
  An integrator can run the scenarios tagged @mock-and-live against CURRENT with their own client
  (BANKID_CLIENT_ID, BANKID_CLIENT_SECRET and BANKID_REDIRECT_URI).
  Sources: BankID provisioning page [S1]; client authentication [S27][S28]; introspection [S34]; PAR [S39]

  Background:
    Given the provider's discovery document

  @BID-P5 @mock-and-live @client-credentials
  Rule: My credentials authenticate at the token endpoint [S1][S27]

    Scenario: My credentials authenticate at the token endpoint
      Given a provisioned client
      When the client asks for a token with its credentials
      Then the credentials authenticate at the token endpoint

  @BID-P6 @mock-and-live @client-credentials
  Rule: My credentials authenticate at the introspection endpoint [S1][S34]

    Scenario: My credentials authenticate at introspection
      Given a provisioned client
      When the client introspects a token of its own with its credentials
      Then the credentials authenticate at the introspection endpoint

  @BID-P7 @mock-and-live @client-credentials @known-client
  Rule: My credentials authenticate at the pushed authorization request endpoint [S1][S39]

    Scenario: My credentials authenticate at PAR
      Given a provisioned client
      When the client pushes an authorization request with its credentials
      Then the credentials authenticate at the pushed authorization request endpoint

  @BID-P8 @mock-only
  Rule: The credentials are all a newly provisioned client needs [S1]

    Scenario: A newly provisioned client authenticates on its first request
      Given a newly provisioned CURRENT client
      When the client asks for a token with its credentials
      Then the credentials alone were enough to authenticate

  @BID-P12 @mock-and-live @client-credentials
  Rule: My client is refused in the other environment [S1]

    Scenario: My client is refused in the other environment
      Given a provisioned client
      When the client asks the other environment for a token
      Then the client is refused in the other environment
