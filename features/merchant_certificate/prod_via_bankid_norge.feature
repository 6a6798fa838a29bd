@merchant_certificate
Feature: PROD: BankID Norge orders, activates and installs a dedicated certificate
  For a dedicated PROD certificate, inform salg@bankidnorge.no about the request; BankID Norge takes care of
  ordering, activation and installation. BankID Norge needs your organisation number, your organisation name
  and the desired common name of the certificate.
  The scenarios use a mock's provisioning service.
  Sources: BankID provisioning page [S1]

  @BID-P34 @mock-only
  Rule: BankID Norge orders the dedicated PROD certificate; the requester informs salg@bankidnorge.no [S1]

    Scenario: A PROD request for a dedicated certificate without any .bid
      Given a complete PROD provisioning request through a partner with a commercial agreement
      And the request asks BankID Norge for a dedicated certificate
      When the request is submitted
      Then the request is granted and the answer says to inform salg@bankidnorge.no

  @BID-P35 @mock-only
  Rule: BankID Norge needs the organisation number, the organisation name and the desired common name [S1]

    Scenario Outline: A dedicated PROD certificate request without <field>
      Given a complete PROD provisioning request through a partner with a commercial agreement
      And the request asks BankID Norge for a dedicated certificate
      And the request leaves out <field>
      When the request is submitted
      Then the dedicated production certificate request is refused, naming <field>

      Examples:
        | field                            |
        | organisation.number              |
        | organisation.name                |
        | merchant_certificate.common_name |
