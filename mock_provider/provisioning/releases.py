"""``POST /admin/releases``: move the running mock to a new release, as BankID deploys one [S1].

"Client configurations are maintained across releases of the OIDC Provider in each environment unless
specified otherwise." [S1] A release migrates the store to the newest schema (a no-op when it already is)
and keeps every client; the answer says which schema and how many clients the new release serves.
"""

from __future__ import annotations

from flask import Response, jsonify

from mock_provider.admin import admin_blueprint
from mock_provider.admin.problems import invalid, json_body
from mock_provider.provider import current_provider
from mock_provider.store.database import migrate


@admin_blueprint.post("/releases")
def new_release() -> Response:
    body = json_body()
    release = body.get("release")
    if not isinstance(release, str) or not release.strip():
        raise invalid([{"field": "release", "message": "is required (a release name)"}], "No release given")
    provider = current_provider()
    migrate(provider.store.engine)
    clients = {realm: len(provider.clients.all(realm)) for realm in provider.realms}
    return jsonify({"release": release.strip(), "schema": provider.store.revision(), "clients": clients})
