@authorization
Feature: Simple text signing
  Simple text signing adds the scope sign and a base64 sign_txt to the authorize request; the user sees the
  text in the BankID dialog and signs it, and the ID token carries sign_result: the end user's and the
  merchant's signatures and the hash over the text. With BankID on mobile (BIM) the text is at most 118
  characters; BIM is being phased out, so that limit is advisory. The shape of the result is documented only
  in BankID's "Simple flow" guide, not yet in PROVIDER-FACTS, so its rules are advisory too.
  Sources: [S63][S64][S65]

  Background:
    Given the provider's discovery document

  @BID-R54 @mock-and-live @known-client
  Rule: A BIM sign text longer than 118 characters is refused (advisory) [S64][S65]

    Scenario: A 119-character sign text for BankID on mobile
      Given an authorization request for the scope "openid"
      When the authorization request is sent with a 119-character BIM sign text
      Then the long sign text is refused

  @BID-R54b @BID-R54c @needs-user @client-credentials
  Rule: The signed text comes back in the ID token, signed by the end user and the merchant (advisory) [S63]

    Scenario: A test user signs a text
      Given a provisioned client
      And an authorization request for the scope "openid"
      And the request asks the user to sign the text "Jeg bekrefter kjøp av 1 sykkel for 4 999 kr. Æ Ø Å"
      When the test user logs in
      Then the callback carries the code and the same state
      When the client exchanges the code
      Then the ID token validates for this client and request
      And the ID token carries a sign result hashed over the text
      And the end user's and the merchant's signatures verify over exactly the text that was sent
