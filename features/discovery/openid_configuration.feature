@discovery
Feature: BankID publishes its OpenID Provider metadata
  Every client reads BankID's endpoints from the discovery document at
  {issuer}/.well-known/openid-configuration instead of hard-coding them (caveat C2 [S55]).
  Source: https://developer.bankid.no/bankid-oidc-provider/api/openid-configuration [S8]

  Background:
    Given the provider's discovery document

  @BID-R1 @mock-and-live
  Rule: The document is served as JSON [S8]

    Scenario: The discovery document is a JSON object
      Then the discovery response is a JSON object served as application/json

  @BID-R2 @mock-and-live
  Rule: The issuer is exactly the environment's issuer, with no trailing slash [S8]

    Scenario: The issuer matches the configured issuer
      Then the issuer is exactly the configured issuer

  @BID-R3 @mock-and-live
  Rule: Authorization starts at BankID's precheck front, not Keycloak's own path [S8][S17]

    Scenario: The authorization endpoint is {issuer}/precheck/auth
      Then the authorization endpoint is the issuer's precheck front

  @BID-R4 @mock-and-live
  Rule: Token, introspection, JWKS and logout are Keycloak endpoints under the issuer [S8][S36]

    Scenario: The Keycloak endpoints live under the issuer
      Then the token, introspection, JWKS and end-session endpoints live under the issuer

  @BID-R5 @mock-and-live
  Rule: Userinfo is served over HTTPS from a different host than the issuer [S8]

    Scenario: The userinfo endpoint is on its own host
      Then the userinfo endpoint is HTTPS on a host other than the issuer's

  @BID-R6 @mock-and-live
  Rule: BankID's extension keys are published (advisory: only partly documented) [S8]

    Scenario: The BankID extension keys are present
      Then the BankID extension keys are present

  @BID-R6a @mock-and-live
  Rule: The base URLs of BankID's product APIs are published (advisory: absent where an API is not offered) [S8][S48]

    Scenario: The signdoc, AML and fraud-data base URLs are present
      Then the BankID product API base URLs are present

  @BID-R7 @mock-and-live
  Rule: PKCE with S256 is supported [S8][S16]

    Scenario: S256 is an advertised code challenge method
      Then PKCE S256 is advertised

  @BID-R7a @mock-and-live
  Rule: Only S256 is supported (advisory) [S16]

    Scenario: No other code challenge method is advertised
      Then only PKCE S256 is advertised

  @BID-R8 @mock-and-live
  Rule: The authorization code flow is supported [S16]

    Scenario: The code response type is advertised
      Then the code response type is advertised

  @BID-R8a @mock-and-live
  Rule: Implicit and hybrid flows are not offered (advisory: Keycloak may still list them) [S55]

    Scenario: No implicit or hybrid response type is advertised
      Then no implicit or hybrid response type is advertised

  @BID-R9 @mock-and-live
  Rule: Every client may authenticate with a secret, in the Basic header or in the body [S27][S28]

    Scenario: The secret client authentication methods are advertised
      Then client_secret_basic and client_secret_post are advertised

  @BID-R9a @mock-and-live
  Rule: private_key_jwt is advertised (advisory: granted per client, and the list is not visible) [S27][S28]

    Scenario: private_key_jwt is an advertised client authentication method
      Then private_key_jwt is advertised

  @BID-R10 @mock-and-live
  Rule: The supported acr values are published [S21][S67]

    Scenario: acr_values_supported is published
      Then acr_values_supported is published

  @BID-R10a @mock-and-live
  Rule: The supported acr values include BankID High and BankID Substantial (advisory: only inferred) [S21]

    Scenario: The BankID acr values are advertised
      Then the BankID acr values are advertised

  @BID-R11 @mock-and-live
  Rule: Tokens are signed ES256 from API version 3 [S50][S52]

    Scenario: ES256 is an ID token signing algorithm
      Then ES256 is advertised for ID tokens

  @BID-R11a @mock-and-live
  Rule: ES256 is the only ID token signing algorithm (advisory: whether RS256 is still listed is open) [S37][S50]

    Scenario: No other ID token signing algorithm is advertised
      Then ES256 is the only ID token signing algorithm advertised
