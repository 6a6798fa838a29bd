"""BankID provisioning rules as a small pure library [S1].

Shared by the mock's provisioning API and the harness's preflight checker, so an integrator's request file is
judged locally by exactly the code the mock provisions with. Imports neither ``harness`` nor ``mock_provider``.
"""
