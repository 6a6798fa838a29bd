@discovery @jwks
Feature: BankID publishes its signing and encryption keys
  The JWKS holds the keys that verify BankID's tokens and encrypt request objects. New keys are published
  before use, kids are never reused, and the Cache-Control header states how long a key is guaranteed.
  Sources: https://developer.bankid.no/bankid-oidc-provider/api/jwks [S37], key rotation [S38]

  Background:
    Given the provider's discovery document

  @BID-R12 @mock-and-live
  Rule: Every published key is identified and typed, and kids are unique [S37][S38]

    Scenario: The JWKS is well formed
      Given the provider's signing keys
      Then every key has a kid, a kty and a use, and no kid repeats

  @BID-R13 @mock-and-live
  Rule: An ES256 P-256 signing key carries an x5c chain from BankID's trust certificate [S37]

    Scenario: The ES256 signing key is certified by its x5c chain
      Given the provider's signing keys
      Then an ES256 P-256 signing key carries an x5c chain that certifies it

  @BID-R14 @mock-and-live
  Rule: Keys may be cached for the max-age BankID guarantees [S38]

    Scenario: The JWKS response states a positive max-age
      Given the provider's signing keys
      Then the keys may be cached for a positive max-age

  @BID-R15 @mock-and-live
  Rule: Three signing keys per algorithm: next, current and previous (advisory) [S38]

    Scenario: Signing keys are published for rotation
      Given the provider's signing keys
      Then there are three signing keys per algorithm

  @BID-R16 @mock-and-live
  Rule: The deprecated jwks_uri_enc serves only encryption keys [S36][S37]

    Scenario: The login-hint encryption keys are encryption keys
      Given the provider's login-hint encryption keys
      Then only encryption keys are served there
