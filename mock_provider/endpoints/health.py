"""``GET /health``: the mock is up and its store answers, in Keycloak's health shape (``{"status": "UP"}``).

Keycloak serves ``/health/ready`` on its management port; the mock has one port, so ``/health`` it is. Tools
(the pytest fixtures, compose, a container's HEALTHCHECK) wait on it instead of on a realm's discovery document.
"""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, Response, jsonify

from mock_provider.provider import current_provider

HEALTH_PATH = "/health"
health_blueprint = Blueprint("health", __name__)


@health_blueprint.get(HEALTH_PATH)
def health() -> Response:
    provider = current_provider()
    with provider.store.begin() as connection:
        connection.execute(sa.text("SELECT 1"))
    return jsonify(status="UP", checks=[{"name": "store", "status": "UP"}], release=provider.config.release)
