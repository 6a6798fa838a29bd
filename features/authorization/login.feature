@authorization @session
Feature: The BankID login dialog answers the client at its redirect_uri
  After the user acts on the BankID dialog, the provider answers at the client's registered redirect_uri in
  the requested response mode (query, fragment or form_post): a code and the client's state after a login,
  error=access_denied and the same state after a cancel. The dialog's header shows the client's display name
  supplied at provisioning. A live provider needs a human with a BankID test user for these scenarios.
  Sources: https://developer.bankid.no/bankid-oidc-provider/core-concepts/error-handling [S3][S16][S56][S57][S62]

  Background:
    Given the provider's discovery document
    And an authorization request for the scope "openid"

  @BID-R43 @needs-user @known-client
  Rule: The callback carries the code and the same state, and nothing else sensitive [S16]

    Scenario Outline: A login answered in the <mode> response mode
      Given the request asks for the response mode <mode>
      When the test user logs in
      Then the callback carries the code and the same state

      Examples:
        | mode      |
        | query     |
        | fragment  |
        | form_post |

  @BID-R49 @BID-R49a @needs-user @known-client
  Rule: A user cancel returns access_denied with the original state [S56][S57]

    Scenario: The user cancels on the BankID dialog
      When the test user cancels the login
      Then the login is denied with access_denied and the same state
      And the error description carries BankID error codes

  @BID-R52 @mock-only @known-client
  Rule: The dialog's header shows the client's display name [S3][S62]

    Scenario: The login dialog names the client
      When the user opens the login dialog
      Then the dialog shows the client's display name
