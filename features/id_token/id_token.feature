@id_token
Feature: The ID token is a 300-second ES256 token with BankID's API v4 claims
  The client validates the ID token as OpenID Connect Core 3.1.3.7 requires (issuer, audience, authorized
  party, signature with a published key, expiry, nonce, acr) and relies on BankID's claims: typ "ID", a
  stable bankid_altsub, api_ver 4, acr and amr naming the BankID method. Profile claims come only with the
  profile scope and nnin_altsub only with its scope for eligible clients. tid, additionalCertInfo and
  session_state were removed in API version 4.
  Sources: https://developer.bankid.no/bankid-oidc-provider/core-concepts/id-token [S21][S44][S45][S47][S49][S50]

  Background:
    Given the provider's discovery document
    And a provisioned client

  @BID-R45 @needs-user @client-credentials
  Rule: The ID token validates for the client and the request [S44][S49][S50]

    Scenario: The ID token from a code exchange
      Given an authorization request for the scope "openid"
      When the test user logs in
      And the client exchanges the code
      Then the ID token validates for this client and request

  @BID-R46 @needs-user @client-credentials
  Rule: acr and amr name the BankID method [S21][S50][S66]

    Scenario: A BankID High login
      Given an authorization request for the scope "openid"
      When the test user logs in
      And the client exchanges the code
      Then acr and amr name a BankID method

  @BID-R47 @needs-user @client-credentials
  Rule: bankid_altsub and api_ver 4 are present and the claims removed in v4 are absent [S44][S50]

    Scenario: The identity claims of API version 4
      Given an authorization request for the scope "openid"
      When the test user logs in
      And the client exchanges the code
      Then the ID token carries bankid_altsub and api_ver 4 and none of the removed claims

  @BID-R48 @needs-user @client-credentials
  Rule: Scoped claims appear only with their scope [S44][S45][S47]

    Scenario Outline: Claims for the scope "<scope>"
      Given an authorization request for the scope "<scope>"
      When the test user logs in
      And the client exchanges the code
      Then the scoped claims match the requested scopes

      Examples:
        | scope                      |
        | openid                     |
        | openid profile             |
        | openid nnin_altsub         |
        | openid profile nnin_altsub |

    @ineligible-client
    Scenario: A client that is not eligible for nnin_altsub asks for it
      Given the provisioned client that is not eligible for nnin_altsub
      And an authorization request from that client for the scope "openid nnin_altsub"
      When the test user logs in
      And the client exchanges the code
      Then the scoped claims match the requested scopes for a client not eligible for nnin_altsub

  @BID-R51 @needs-user @client-credentials
  Rule: BankID with biometrics is given only to a client with it enabled; otherwise the login is BankID High [S21][S59]

    @mock-only
    Scenario: login_hint BIS on a client without BIS
      Given an authorization request for the scope "openid"
      And the request carries the login hint "BIS"
      When the test user logs in
      And the client exchanges the code
      Then the login is a BankID High login

    @BID-R46 @bis-client
    Scenario: login_hint BIS on a client with BIS
      Given the provisioned client with BIS enabled
      And an authorization request from that client for the scope "openid"
      And the request carries the login hint "BIS"
      When the test user logs in
      And the client exchanges the code
      Then the login is a BankID with biometrics login
      And acr and amr name a BankID method
