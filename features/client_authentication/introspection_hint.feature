@client_authentication @introspection
Feature: Introspection answers for BankID's own token type hint only
  The introspection request carries token and token_type_hint, and the hint must be bid_access_token; a query
  that is otherwise invalid is answered {"active": false}. What a missing hint does is inferred, so advisory.
  Sources: https://developer.bankid.no/bankid-oidc-provider/api/introspect [S34][S35]

  Background:
    Given the provider's discovery document

  @BID-R67 @mock-and-live @client-credentials
  Rule: Without token_type_hint=bid_access_token a token is not reported active (advisory) [S34][S35]

    Scenario: A fresh token introspected without a hint
      Given a provisioned client
      And a fresh client_credentials access token
      When the client introspects that token without a token_type_hint
      Then the token is not reported active
