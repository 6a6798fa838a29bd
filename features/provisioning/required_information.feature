@provisioning
Feature: The required information is supplied with the request, and becomes the client's configuration
  "Supply the required information and submit." The provisioning page does not list the information, so the
  items every earlier version of the page asks for are required: the environment, the channel, the
  organisation, the client's name and intended use, technical and commercial contacts, flows, identity
  providers, scopes, redirect URIs and the display name shown in the BankID dialog. What is supplied
  configures the client: its registered redirect URIs, its scopes, BankID Substantial (BIS), and its
  display name. An integrator can check the redirect URI of their own CURRENT client.
  Sources: BankID provisioning page [S1]; request lists [S3][S4][S6]; scopes [S47]; BIS [S59]; display name [S62]

  Background:
    Given the provider's discovery document

  @BID-P18 @mock-only
  Rule: A request without an item every earlier list asks for is refused, naming what is missing [S1][S3][S4][S6]

    Scenario Outline: A request without <field> is refused
      Given a complete CURRENT provisioning request through a partner
      And the request leaves out <field>
      When the request is submitted
      Then the request is refused as incomplete, naming <field>

      Examples:
        | field               |
        | description         |
        | contacts.technical  |
        | contacts.commercial |
        | flows               |
        | idps                |
        | redirect_uris       |
        | display_name        |

  @BID-P18a @mock-only
  Rule: A request without an item only newer pages imply is refused (advisory: the current list is not visible) [S1][S47]

    Scenario Outline: A request without the newer item <field> is refused
      Given a complete CURRENT provisioning request through a partner
      And the request leaves out <field>
      When the request is submitted
      Then the request is refused for lacking a newer item, naming <field>

      Examples:
        | field               |
        | channel             |
        | organisation.name   |
        | organisation.number |
        | client_name         |
        | scopes              |

  @BID-P19 @mock-and-live @known-client
  Rule: My client's redirect URI is registered: authorize with it starts a login [S3][S15][S16]

    Scenario: My redirect URI is registered
      Given a provisioned client
      When the client starts a login with its registered redirect URI
      Then the provider starts the login instead of refusing the redirect URI

  @BID-P19 @mock-only
  Rule: The redirect URI supplied at provisioning is the one registered [S1][S3]

    Scenario: A newly provisioned client's redirect URI is registered
      Given a newly provisioned CURRENT client
      When the client starts a login with its registered redirect URI
      Then the provider starts the login instead of refusing the redirect URI

  @BID-P20
  Rule: A client may use only the scopes it was provisioned with [S47]

    @mock-and-live @client-credentials
    Scenario: My client asks for a scope nobody provisioned
      Given a provisioned client
      When the client asks for a token with the scope conformance/never-provisioned
      Then the scope conformance/never-provisioned is not granted

    @mock-only
    Scenario: A scope the client was not provisioned with is not granted
      Given a newly provisioned CURRENT client
      When the client asks for a token with the scope signdoc/read_write
      Then the scope signdoc/read_write is not granted

  @BID-P21 @mock-only
  Rule: BankID Substantial (BIS) is enabled per client, as requested [S59]

    Scenario: A request that asks for BIS
      Given a complete CURRENT provisioning request through a partner
      And the request asks for BankID Substantial
      When the request is submitted
      Then the client has BankID Substantial enabled

    Scenario: A request that does not ask for BIS
      Given a complete CURRENT provisioning request through a partner
      When the request is submitted
      Then the client has BankID Substantial disabled

  @BID-P22
  Rule: The BankID dialog shows the display name supplied at provisioning [S3][S62]

    @mock-and-live @known-client
    Scenario: My client's login dialog shows the display name I supplied
      Given an authorization request for the scope "openid"
      When the user opens the login dialog
      Then the dialog shows the display name the client was provisioned with

    @mock-only
    Scenario: The login dialog's header shows the display name
      Given a complete CURRENT provisioning request through a partner
      When the request is submitted
      And the client's login dialog is opened
      Then the dialog shows the display name from the request
