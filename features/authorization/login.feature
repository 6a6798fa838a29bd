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

  @BID-R52 @mock-and-live @known-client
  Rule: The dialog's header shows the client's display name [S3][S62]

    Scenario: The login dialog names the client
      When the user opens the login dialog
      Then the dialog shows the client's display name

  @BID-R51 @needs-user
  Rule: Choosing BankID with biometrics on the dialog gives a BIS login only for a client with BIS enabled [S21][S59][S66]

    @BID-R46 @bis-client
    Scenario: The user chooses BankID with biometrics for a client with BIS
      Given the provisioned client with BIS enabled
      And an authorization request from that client for the scope "openid"
      When the test user logs in choosing BankID with biometrics
      And the client exchanges the code
      Then the login is a BankID with biometrics login
      And acr and amr name a BankID method

    @mock-only @client-credentials
    Scenario: The user chooses BankID with biometrics for a client without BIS
      Given a provisioned client
      When the test user logs in choosing BankID with biometrics
      And the client exchanges the code
      Then the login is a BankID High login
