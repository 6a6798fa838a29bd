@authorization @token @id_token @userinfo
Feature: A relying party logs a BankID user in with the authorization code flow
  The whole flow as an integrator's client runs it: an authorize request with S256 PKCE, state and nonce;
  a test user logs in; the client exchanges the code with its verifier, validates the ID token as OpenID
  Connect Core 3.1.3.7 requires, and fetches userinfo, a signed JWT addressed to the client.
  Sources: [S16][S23][S31][S44][S50]

  Background:
    Given the provider's discovery document
    And a provisioned client

  @BID-R43 @BID-R45 @BID-R30 @needs-user @client-credentials
  Rule: The code flow works end to end [S16][S23][S31][S44]

    Scenario Outline: Code flow answered in the <mode> response mode
      Given an authorization request for the scope "openid profile"
      And the request asks for the response mode <mode>
      When the test user logs in
      Then the callback carries the code and the same state
      When the client exchanges the code
      Then the ID token validates for this client and request
      When the client calls userinfo with the user's access token
      Then userinfo is a signed JWT for the client about the same user

      Examples:
        | mode      |
        | query     |
        | fragment  |
        | form_post |
