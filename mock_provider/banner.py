"""What ``bankid-mock`` prints when it starts: where it listens, its issuers, the admin API, the clients it
knows and the test users to log in with, so nobody has to read the code to use it.

Client secrets are never printed: a seeded client's secret is in the file it came from, the demo clients'
in the README.
"""

from __future__ import annotations

from flask import Flask

from mock_provider.endpoints.health import HEALTH_PATH
from mock_provider.login.outcome import OTP, PASSWORD
from mock_provider.provider import EXTENSION, Provider


def banner(app: Flask, *, listen: str) -> str:
    provider: Provider = app.extensions[EXTENSION]
    lines = [f"BankID OIDC mock {provider.config.release} listening on {listen}", f"  health:    {listen}{HEALTH_PATH}"]
    for realm in provider.realms.values():
        lines.append(f"  issuer:    {realm.issuer}  (discovery: {realm.issuer}/.well-known/openid-configuration)")
    admin = f"{listen}/admin (bearer token from --admin-token)" if provider.config.admin_token else "disabled"
    lines.append(f"  admin API: {admin}")
    lines.append("  clients:")
    for record in provider.clients.all():
        client = record.config
        redirects = ", ".join(client.redirect_uris) or "-"
        lines.append(f"    {client.client_id} [{client.realm}] scopes {' '.join(client.scopes)}; redirect {redirects}")
    lines.append(f"  test users (one-time code {OTP!r}, password {PASSWORD!r}):")
    for user in provider.users.all():
        lines.append(f"    {user.nnin}  {user.name}" + (f"  (always {user.outcome})" if user.outcome else ""))
    return "\n".join(lines)
