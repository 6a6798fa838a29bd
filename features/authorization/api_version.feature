@authorization
Feature: Only API version 4 is served
  API versions 1 to 3 were opt-in per request; from 28 October 2025 CURRENT enforces version 4 (array amr,
  token_type "Bearer", no session_state, no tid). A request for an older version is refused.
  Sources: https://developer.bankid.no/bankid-oidc-provider/api-versions [S50][S52]

  Background:
    Given the provider's discovery document

  @BID-R53 @mock-and-live @known-client
  Rule: A request for an API version below 4 is refused [S50][S52]

    Scenario Outline: api_version <version>
      Given an authorization request for the scope "openid"
      When the authorization request is sent with api_version <version>
      Then the old API version is refused

      Examples:
        | version |
        | 1       |
        | 3       |
