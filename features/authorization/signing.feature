@authorization
Feature: Text signing with BankID on mobile limits the text to 118 characters
  Simple text signing adds the scope sign and a base64 sign_txt to the authorize request. With BankID on
  mobile (BIM) the text is at most 118 characters. BIM is being phased out, so this is advisory.
  Sources: [S63][S64][S65]

  Background:
    Given the provider's discovery document

  @BID-R54 @mock-only @known-client
  Rule: A BIM sign text longer than 118 characters is refused (advisory) [S64][S65]

    Scenario: A 119-character sign text for BankID on mobile
      Given an authorization request for the scope "openid"
      When the authorization request is sent with a 119-character BIM sign text
      Then the long sign text is refused
