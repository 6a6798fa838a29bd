"""The app factory. ``create_app(Config())`` is a conformant mock of BankID's CURRENT and PROD realms."""

from __future__ import annotations

from typing import TYPE_CHECKING

from flask import Flask, Response
from werkzeug.exceptions import HTTPException

from mock_provider import provisioning, ra  # noqa: F401  (registers the /admin/provisioning and /admin/ra routes)
from mock_provider.admin import admin_blueprint
from mock_provider.admin import users as _admin_users  # noqa: F401  (registers routes)
from mock_provider.config import Config
from mock_provider.endpoints import authorize, certs, discovery, introspection, login, logout, par, token  # noqa: F401  (registers routes)
from mock_provider.endpoints.health import health_blueprint
from mock_provider.endpoints.realm import realm_blueprint
from mock_provider.endpoints.userinfo import userinfo_blueprint
from mock_provider.hooks import intercepted
from mock_provider.limits import apply as apply_limits
from mock_provider.oauth.errors import InvalidRequestError, OAuth2Error, ServerError, error_response
from mock_provider.provider import EXTENSION, Provider, build_provider
from mock_provider.routing import SharedBuilderRule
from mock_provider.store import Store

if TYPE_CHECKING:
    from _typeshed.wsgi import WSGIApplication


class _App(Flask):
    url_rule_class = SharedBuilderRule  # each route's URL builder compiled once per process (mock_provider.routing)


def create_app(config: Config | None = None, *, store: Store | None = None) -> Flask:
    config = config or Config()
    app = _App(__name__)
    app.config["JSON_SORT_KEYS"] = False
    apply_limits(app)
    provider: Provider = build_provider(config, store)
    app.extensions[EXTENSION] = provider
    if config.faults.intercepts:
        app.wsgi_app = intercepted(  # type: ignore[method-assign,assignment]
            app.wsgi_app,
            config.faults.interceptor,
            max_body=app.config["MAX_CONTENT_LENGTH"],
            broken=lambda error: _unexpected_answer(app, error),
        )
    app.register_blueprint(realm_blueprint)
    app.register_blueprint(admin_blueprint)
    app.register_blueprint(userinfo_blueprint)
    app.register_blueprint(health_blueprint)
    _register_error_handlers(app)
    # A request's store transactions share one pooled connection (mock_provider.store.database).
    app.wsgi_app = provider.store.per_request(app.wsgi_app)  # type: ignore[method-assign,assignment]  # Flask's documented middleware hook
    return app


def _register_error_handlers(app: Flask) -> None:
    @app.errorhandler(OAuth2Error)
    def _oauth_error(error: OAuth2Error) -> Response:
        return error_response(error)

    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException) -> Response:
        # Werkzeug's 404/405/400 pages become the same JSON shape as every other error.
        code = error.code or 500
        name = {404: "not_found", 405: "invalid_request"}.get(code, "invalid_request")
        wrapped = OAuth2Error(description=error.description, status_code=code, error=name)
        response = error_response(wrapped)
        if code == 405 and error.get_response().headers.get("Allow"):
            response.headers["Allow"] = error.get_response().headers["Allow"]
        return response

    @app.errorhandler(RecursionError)
    def _too_deep(_error: RecursionError) -> Response:
        # Input nested beyond what a recursive parser can follow (a JSON parameter, a token payload) is bad
        # input, whichever parser met it first: the same 400 as the body limit in ``limits``.
        return error_response(InvalidRequestError(description="The request is nested too deeply to be read"))

    @app.errorhandler(Exception)
    def _unexpected(error: Exception) -> Response:
        return _unexpected_response(app, error)


def _unexpected_response(app: Flask, error: Exception) -> Response:
    # Never a stack trace on the wire; the log keeps it.
    app.logger.exception("unhandled error", exc_info=error)
    return error_response(ServerError(description="Unexpected error"))


def _unexpected_answer(app: Flask, error: Exception) -> WSGIApplication:
    """What a request gets when code outside Flask's handlers (a fault profile's interceptor) raises."""
    with app.app_context():
        return _unexpected_response(app, error)
