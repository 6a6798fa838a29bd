@client_authentication @token
Feature: A client may authenticate at the token endpoint with a signed JWT assertion
  private_key_jwt and client_secret_jwt are supported on request. The assertion, as BankID's own sample
  builds it, has iss = sub = client_id, aud = the token endpoint, a short exp and a fresh jti. An assertion
  for another audience, an expired one, or one signed with a key the provider does not know is a client
  authentication failure; a replayed one should be refused too, and so should one with several audiences.
  Sources: https://developer.bankid.no/bankid-oidc-provider/core-concepts/client-authentication [S14][S25][S27][S28]

  Background:
    Given the provider's discovery document
    And a provisioned client

  @BID-R24 @mock-and-live @client-credentials
  Rule: A correct assertion is accepted; a wrong audience, an expired assertion or an unknown key is refused [S14][S25]

    Scenario Outline: A <method> assertion as BankID's sample builds it
      When the client requests a token with a <method> assertion as BankID's sample builds it
      Then the assertion is accepted

      Examples:
        | method            |
        | private_key_jwt   |
        | client_secret_jwt |

    Scenario Outline: A <method> assertion <problem>
      When the client requests a token with a <method> assertion <problem>
      Then the assertion is refused as a client-authentication failure

      Examples:
        | method            | problem                                       |
        | private_key_jwt   | for another audience                          |
        | private_key_jwt   | that expired a minute ago                     |
        | private_key_jwt   | signed with a key the provider does not know  |
        | client_secret_jwt | for another audience                          |
        | client_secret_jwt | that expired a minute ago                     |

  @BID-R24a @mock-and-live @client-credentials
  Rule: A replayed assertion is refused (advisory) [S14]

    Scenario: The same private_key_jwt assertion twice
      When the client sends the same private_key_jwt assertion twice
      Then the replayed assertion is refused

  @BID-R24b @mock-and-live @client-credentials
  Rule: An assertion with several audiences is refused (advisory: Keycloak refuses it from 26.2 only) [S14][S76]

    Scenario: A private_key_jwt assertion for the token endpoint and an API
      When the client requests a token with a private_key_jwt assertion for the token endpoint and an API
      Then the assertion with several audiences is refused
