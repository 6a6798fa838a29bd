@client_authentication @token
Feature: Provisioned credentials authenticate the client at the token endpoint
  Provisioning issues credentials the client must use to authenticate with selected endpoints [S1].
  The token endpoint requires client authentication: client_secret_basic and client_secret_post by default
  [S27][S28]. Keycloak versions differ in the exact status and code of a client-authentication failure,
  so 400 and 401 with invalid_client or unauthorized_client are both accepted (PROVIDER-FACTS §3.4, [S76]).
  Sources: https://developer.bankid.no/bankid-oidc-provider/api/token [S23][S25]

  Background:
    Given the provider's discovery document

  @BID-R17 @mock-and-live
  Rule: A token request without client authentication is refused [S23][S76]

    Scenario: No client authentication
      When a token is requested without client authentication
      Then the request is refused as a client-authentication failure

  @BID-R18 @mock-and-live
  Rule: Credentials the provider never issued are refused [S76]

    Scenario: An unknown client's credentials
      When a token is requested with an unknown client's credentials
      Then the request is refused as an unknown client

  @BID-R19 @mock-and-live @client-credentials
  Rule: With valid credentials, a bad grant is a grant error, not an authentication error [S23]

    Scenario: A bogus authorization code
      Given a provisioned client
      When the client exchanges a bogus authorization code
      Then the grant is refused as invalid_grant

  @BID-R20 @BID-R20a @BID-R21 @mock-and-live @client-credentials
  Rule: client_credentials yields a signed 300-second Bearer access token and no ID token [S26][S49][S50]

    Scenario Outline: A client_credentials token with <method>
      Given a provisioned client
      When the client requests a token with client_credentials using <method>
      Then the response is a 300-second Bearer JWT without an ID token
      And the token type is exactly Bearer
      And the access token verifies against the provider's keys and names the issuer and the client

      Examples:
        | method              |
        | client_secret_basic |
        | client_secret_post  |

  @BID-R22 @mock-and-live @client-credentials
  Rule: Credentials in the request body (client_secret_post) are accepted as well as Basic [S27][S28]

    Scenario: client_secret_post is accepted
      Given a provisioned client
      When the client requests a token with client_credentials using client_secret_post
      Then the credentials in the request body are accepted

  @BID-R23 @mock-and-live @client-credentials
  Rule: Grant types BankID does not offer are refused [S55][S76]

    Scenario Outline: The <grant_type> grant is refused
      Given a provisioned client
      When the client requests a token with grant type <grant_type>
      Then the grant type is refused as unsupported

      Examples:
        | grant_type                                  |
        | password                                    |
        | urn:ietf:params:oauth:grant-type:device_code |
