"""The BankID login dialog of the mock: login sessions, the TestBank credentials and outcome switches.

See ``mock_provider.endpoints.login`` for the form's field names and how to choose an outcome.
"""
