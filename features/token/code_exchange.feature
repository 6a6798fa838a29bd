@token
Feature: The authorization code is bound to its redirect_uri and PKCE verifier and works once
  The client exchanges the code at the token endpoint with the same redirect_uri it used at authorize and
  the code_verifier behind its S256 challenge. A wrong verifier or a second use of the code is invalid_grant.
  Tokens live 300 seconds and expires_in matches the ID token's lifetime.
  Sources: https://developer.bankid.no/bankid-oidc-provider/api/token [S23][S25][S49]

  Background:
    Given the provider's discovery document
    And a provisioned client
    And an authorization request for the scope "openid"
    And the test user has logged in

  @BID-R44 @needs-user @client-credentials
  Rule: The code needs its redirect_uri and verifier, and a second use is invalid_grant [S23][S25]

    Scenario Outline: The code is exchanged <mistake>
      When the client exchanges the code <mistake>
      Then the code exchange is refused as invalid_grant

      Examples:
        | mistake                    |
        | with a wrong code_verifier |
        | without a code_verifier    |
        | with another redirect_uri  |
        | a second time              |

  @BID-R50 @needs-user @client-credentials
  Rule: expires_in in the token response equals the ID token's exp - iat [S49]

    Scenario: The first token response
      When the client exchanges the code
      Then expires_in equals the ID token's lifetime

    Scenario: A refreshed token response
      When the client exchanges the code
      And the client refreshes the tokens
      Then expires_in equals the ID token's lifetime
