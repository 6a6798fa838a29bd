@userinfo
Feature: Userinfo answers a GET with a Bearer token as a signed JWT
  Userinfo lives on its own host. It takes the access token as a Bearer token on a GET with no parameters;
  POST is not supported. A good token gets 200 with a signed JWT (Content-Type application/jwt) whose aud is
  the client and whose iss is the userinfo base URL; anything else is 401.
  Sources: https://confluence.bankidnorge.no/confluence/pdoidcl/technical-documentation/api/userinfo [S31][S32][S33][S55]

  Background:
    Given the provider's discovery document

  @BID-R28 @mock-and-live
  Rule: Userinfo without a bearer token is 401 [S31]

    Scenario: No Authorization header
      When userinfo is called without a bearer token
      Then userinfo answers 401

  @BID-R29
  Rule: POST to userinfo is rejected [S31][S55]

    @mock-and-live
    Scenario: A POST with a made-up token
      When userinfo is called with POST and a made-up bearer token
      Then the POST is rejected

    @needs-user @client-credentials
    Scenario: A POST with a valid user access token
      Given a provisioned client
      And an authorization request for the scope "openid profile"
      When the test user logs in
      And the client exchanges the code
      And the client calls userinfo with POST and the user's access token
      Then the POST is rejected

  @BID-R30 @BID-R30a @needs-user @client-credentials
  Rule: A valid user access token gets a signed JWT addressed to the client [S31][S33]

    Scenario: Userinfo after a login with profile
      Given a provisioned client
      And an authorization request for the scope "openid profile"
      When the test user logs in
      And the client exchanges the code
      And the client calls userinfo with the user's access token
      Then userinfo is a signed JWT for the client about the same user
      And the userinfo JWT names the userinfo base URL as its issuer
