@authorization
Feature: Encrypted authorization requests
  A client may sign its authorization request as a request object and encrypt it to a use=enc key the provider
  publishes at jwks_uri; the deprecated alternative encrypts only the login_hint, to a key from jwks_uri_enc.
  Under API v4 either keeps a nnin login hint out of every URL, where in clear text it is refused.
  Sources: [S42][S43][S50][S52]

  Background:
    Given the provider's discovery document
    And a provisioned client

  @BID-R55 @needs-user @client-credentials
  Rule: A signed request object encrypted to the provider's key is accepted [S42][S43]

    Scenario: The login runs from an encrypted request object carrying a nnin login hint
      Given an authorization request for the scope "openid profile"
      And the request carries a nnin login hint
      And the request is sent as a request object signed by the client and encrypted to the provider
      When the browser follows the authorization request
      Then the provider opens the login dialog for the encrypted request object
      When the test user logs in
      Then the callback carries the code and the same state
      When the client exchanges the code
      Then the ID token validates for this client and request

  @BID-R56 @needs-user @client-credentials
  Rule: An encrypted nnin login_hint is accepted (advisory: deprecated) [S42][S43]

    Scenario: A nnin login hint encrypted to the provider's jwks_uri_enc key
      Given an authorization request for the scope "openid"
      And the request carries a nnin login hint encrypted to the provider
      When the test user logs in
      Then the encrypted login hint was accepted
