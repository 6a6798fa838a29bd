@par
Feature: Pushed authorization requests carry the authorize parameters over an authenticated back channel
  The client POSTs the authorize parameters to the pushed_authorization_request_endpoint with its normal
  client authentication and sends only the returned request_uri to authorize (RFC 9126).
  authorization_details (rich authorization requests) is accepted only there.
  Sources: https://developer.bankid.no/bankid-oidc-provider/api/par [S39][S40]

  Background:
    Given the provider's discovery document

  @BID-R39 @BID-R39a @mock-and-live @known-client
  Rule: PAR refuses a client that does not authenticate (exactly 401 is advisory) [S39][S76]

    Scenario: An anonymous pushed request
      Given an authorization request for the scope "openid"
      When the authorization request is pushed without client authentication
      Then PAR refuses the push as a client-authentication failure
      And the refusal is 401 with invalid_client or unauthorized_client

  @BID-R40 @BID-R40a @mock-and-live @client-credentials
  Rule: An authenticated pushed request gets a request_uri and its lifetime (201 is advisory) [S39]

    Scenario: A pushed code request
      Given a provisioned client
      And an authorization request for the scope "openid"
      When the client pushes the authorization request
      Then PAR answers a request_uri with its lifetime
      And PAR answers 201 Created

  @BID-R40 @BID-R43 @needs-user @client-credentials
  Rule: A pushed request leads to an ordinary login [S39][S16]

    Scenario: Logging in through a request_uri
      Given a provisioned client
      And an authorization request for the scope "openid"
      When the client pushes the authorization request
      And the test user logs in through the pushed request
      Then the callback carries the code and the same state

  @BID-R41 @mock-and-live @client-credentials
  Rule: authorization_details sent outside PAR is rejected or ignored, never reflected in tokens [S40]

    Scenario: authorization_details on the plain authorize URL
      Given a provisioned client
      And an authorization request for the scope "openid"
      When the authorization request carries authorization_details outside PAR
      Then authorization_details is refused or never reflected in tokens
