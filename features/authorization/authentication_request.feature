@authorization @id_token
Feature: Optional authentication-request parameters: max_age, id_token_hint, several acr_values, BankID on mobile
  BankID lists acr_values (several allowed from API v3), login_hint (BIM for BankID on mobile) and id_token_hint;
  max_age is not documented, auth_time and originator are deprecated in v4, and whether an id_token_hint skips
  the login contradicts "single sign-on is not supported". Where the facts are UNCLEAR the rules are advisory,
  and the mock can show both behaviours (bankid-mock --list-quirks: auth-time, originator, sso, bim).
  Sources: https://developer.bankid.no/bankid-oidc-provider/api/authorize [S20][S21][S44][S49][S50]

  Background:
    Given the provider's discovery document

  @BID-R65 @mock-and-live @known-client
  Rule: Several acr_values are accepted from API version 3 [S21][S50]

    Scenario: acr_values lists BankID with biometrics and BankID High
      Given an authorization request for the scope "openid"
      When the request is sent with acr_values "urn:bankid:bis urn:bankid:bid"
      Then the several acr_values are accepted

  @BID-R64 @mock-and-live @known-client
  Rule: An id_token_hint must be an ID token the provider issued to the client (advisory) [S49]

    Scenario: An id_token_hint that is no ID token
      Given an authorization request for the scope "openid"
      When the request is sent with an id_token_hint that is not an ID token
      Then the id_token_hint is refused

  @BID-R60 @needs-user @client-credentials
  Rule: With max_age the ID token carries auth_time (advisory: max_age is not documented) [S44]

    Scenario: A login asked for with max_age 600
      Given a provisioned client
      And an authorization request for the scope "openid"
      And the request carries max_age 600
      When the test user logs in
      And the client exchanges the code
      Then the ID token carries auth_time for max_age 600

  @BID-R61 @BID-R62 @needs-user @client-credentials
  Rule: The v4 ID token drops the deprecated auth_time (without max_age) and originator (advisory) [S44][S50]

    Scenario: A login without max_age
      Given a provisioned client
      And an authorization request for the scope "openid"
      When the test user logs in
      And the client exchanges the code
      Then the ID token has no auth_time
      And the ID token has no originator

  @BID-R63 @BID-R68 @needs-user @client-credentials
  Rule: A second request carrying the first login's ID token still asks the user to log in (advisory) [S49]

    Scenario: A second request with the ID token as id_token_hint
      Given a provisioned client
      And an authorization request for the scope "openid"
      When the test user logs in
      And the client exchanges the code
      And a new request is sent with that ID token as id_token_hint
      Then the login is not skipped

    Scenario: A second request with the ID token as id_token_hint and max_age 0
      Given a provisioned client
      And an authorization request for the scope "openid"
      When the test user logs in
      And the client exchanges the code
      And a new request is sent with that ID token as id_token_hint and max_age 0
      Then a login older than max_age is not reused

  @BID-R66 @needs-user @client-credentials
  Rule: login_hint BIM gives a BankID on mobile login (advisory: BIM is being phased out) [S20][S21][S66]

    Scenario: The test user logs in with BankID on mobile
      Given a provisioned client
      And an authorization request for the scope "openid"
      And the request carries the login hint "BIM"
      When the test user logs in
      And the client exchanges the code
      Then the login is a BankID on mobile login
