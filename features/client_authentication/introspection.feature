@client_authentication @introspection
Feature: Provisioned credentials authenticate the client at the introspection endpoint
  Introspection requires client authentication and answers 401 when it fails; any other bad query is
  {"active": false}. The token_type_hint must be bid_access_token.
  Sources: https://developer.bankid.no/bankid-oidc-provider/api/introspect [S34][S35]

  Background:
    Given the provider's discovery document

  @BID-R25 @mock-and-live
  Rule: Introspection without client authentication is 401 [S34]

    Scenario: No client authentication
      When a token is introspected without client authentication
      Then introspection answers 401 with an error

  @BID-R26 @mock-and-live @client-credentials
  Rule: A token the provider did not issue is inactive [S34]

    Scenario: A garbage token
      Given a provisioned client
      When the client introspects a garbage token
      Then the token is reported inactive

  @BID-R27 @mock-and-live @client-credentials
  Rule: A fresh access token is active and names the client it was issued to [S35]

    Scenario: A fresh client_credentials token
      Given a provisioned client
      And a fresh client_credentials access token
      When the client introspects that token with the hint bid_access_token
      Then the token is reported active for the client
