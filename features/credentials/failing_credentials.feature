@credentials
Feature: Wrong, rotated and disabled credentials fail with the documented error; JWT authentication needs a key
  Only the issued credentials authenticate. A wrong secret, a secret that has been replaced, and the secret
  of a disabled client all fail the way BankID's provider reports a client-authentication failure: HTTP 400
  or 401 with the error invalid_client or unauthorized_client (it differs between Keycloak versions).
  private_key_jwt is not available when a client is first ordered: it needs a separate request with the
  client's public key, after which it works.
  Sources: BankID provisioning page [S1]; client authentication [S27][S28]; Keycloak errors [S76]

  Background:
    Given the provider's discovery document

  @BID-P9 @mock-and-live @client-credentials
  Rule: A wrong secret is refused [S1][S76]

    Scenario: My client_id with a wrong secret
      Given a provisioned client
      When the client asks for a token with a wrong secret
      Then the wrong secret is refused

  @BID-P10 @BID-P5 @mock-only
  Rule: After a secret rotation, only the new secret authenticates (advisory: rotation is not documented, and Keycloak's rotation policy may keep the old secret for a while) [S1]

    Scenario: The old secret is refused after a rotation
      Given a newly provisioned CURRENT client
      When the client's secret is rotated
      And the client asks for a token with its credentials
      And the client asks for a token with its new secret
      Then the old secret is refused
      And the new secret authenticates at the token endpoint

  @BID-P11 @mock-only
  Rule: A disabled client is refused [S1]

    Scenario: A disabled client asks for a token
      Given a newly provisioned CURRENT client
      When the client is disabled
      And the client asks for a token with its credentials
      Then the disabled client is refused

  @BID-P13 @mock-only
  Rule: private_key_jwt works only after the client's public key is registered by a separate request [S27][S28]

    Scenario: private_key_jwt before and after registering the public key
      Given a newly provisioned CURRENT client
      And the client holds a private key
      When the client asks for a token with private_key_jwt
      And the client registers its public key with a separate request
      And the client asks for a token with private_key_jwt again
      Then private_key_jwt was refused before the registration and accepted after it
