@authorization
Feature: The authorize endpoint accepts only well-formed API v4 code-flow requests
  Authorization starts with GET {issuer}/precheck/auth. Only the authorization code flow is supported, the
  redirect_uri must exactly match a pre-registered one, and from API version 4 PKCE with S256, state and
  nonce are mandatory. When the client or its redirect_uri cannot be trusted the error is shown directly,
  never redirected; other errors are redirected to the registered redirect_uri.
  Only the provider's first answer is judged here: no user logs in.
  Sources: https://developer.bankid.no/bankid-oidc-provider/api/authorize [S15][S16][S17][S50][S52]

  Background:
    Given the provider's discovery document

  @BID-R42 @mock-and-live @known-client
  Rule: A well-formed request proceeds toward the BankID login dialog [S16][S21]

    Scenario: A code request with S256 PKCE, state, nonce and acr_values urn:bankid:bid
      Given an authorization request for the scope "openid"
      When the authorization request is sent as it is
      Then the browser is sent on toward the BankID login dialog

  @BID-R31 @BID-R31a @mock-and-live @known-client
  Rule: An unknown client_id is answered with an error, never a redirect nor a login dialog (the exact status is advisory) [S15][S17]

    Scenario: A client_id the provider never issued
      Given an authorization request for the scope "openid"
      When the authorization request is sent for an unknown client_id
      Then the provider shows an error without redirecting to the client or showing a login
      And the unknown client's error is a 4xx answer

  @BID-R32 @BID-R32a @mock-and-live @known-client
  Rule: The redirect_uri must match a registered one exactly; a mismatch is never redirected to nor shown a login (the exact status is advisory) [S15][S16]

    Scenario Outline: A redirect_uri that differs by <difference>
      Given an authorization request for the scope "openid"
      When the authorization request is sent with the redirect_uri changed by <difference>
      Then the provider does not redirect to that redirect URI nor show a login
      And the redirect URI's error is a 4xx answer

      Examples:
        | difference     |
        | trailing slash |
        | extra query    |
        | other host     |
        | other scheme   |

  @BID-R33 @mock-and-live @known-client
  Rule: Authorization is GET only; "POST is not supported" [S15][S17]

    Scenario: The request is POSTed as a form
      Given an authorization request for the scope "openid"
      When the authorization request is POSTed as a form
      Then the POST does not start a login

  @BID-R34 @mock-and-live @known-client
  Rule: Only the code flow exists; implicit and hybrid response types are refused and no token is ever delivered [S16][S55]

    Scenario Outline: response_type <response_type>
      Given an authorization request for the scope "openid"
      When the authorization request is sent with response_type <response_type>
      Then the response type is refused and no token is delivered

      Examples:
        | response_type  |
        | token          |
        | id_token       |
        | id_token token |

  @BID-R35 @mock-and-live @known-client
  Rule: PKCE with S256 is mandatory from API version 4; anything else is invalid_request [S16][S50]

    Scenario Outline: A request <pkce_problem>
      Given an authorization request for the scope "openid"
      When the authorization request is sent <pkce_problem>
      Then the request is refused as invalid_request

      Examples:
        | pkce_problem                       |
        | without a code_challenge           |
        | without a code_challenge_method    |
        | with code_challenge_method plain   |
        | with a 42-character S256 challenge |
        | with a 44-character S256 challenge |

  @BID-R36 @mock-and-live @known-client
  Rule: state and nonce are mandatory from API version 4 [S50]

    Scenario Outline: A request <missing>
      Given an authorization request for the scope "openid"
      When the authorization request is sent <missing>
      Then the request is refused for lacking state or nonce

      Examples:
        | missing         |
        | without a state |
        | without a nonce |

  @BID-R37 @BID-R37a @mock-and-live @known-client
  Rule: The openid scope is mandatory (the exact error code is advisory) [S16]

    Scenario: A request for profile without openid
      Given an authorization request for the scope "openid"
      When the authorization request is sent with the scope profile only
      Then the request is refused for lacking the openid scope
      And the scope error is invalid_scope or invalid_request

  @BID-R38 @BID-R38a @mock-and-live @known-client
  Rule: A national identity number may not travel in a clear-text login_hint under API version 4 [S50][S52]

    Scenario Outline: login_hint <hint_form>
      Given an authorization request for the scope "openid"
      When the authorization request is sent with login_hint <hint_form>
      Then the clear-text national identity number is refused
      And the login hint error is invalid_request

      Examples:
        | hint_form            |
        | BID and a clear nnin   |
        | colon and a clear nnin |
