"""The hot statements of a flow, compiled once per backend and run on the driver's own cursor.

SQLAlchemy Core spends ~20 µs per execute on bookkeeping (execution context, parameter construction, result
wrapping) around a statement SQLite answers in ~5 µs; a full code flow runs about twenty of them. The few
statements every request runs (grants, the client, the user) are still *written* as SQLAlchemy Core against
``schema`` — so both backends get their own SQL and parameter style from SQLAlchemy's compiler — but compiled
once per dialect and executed through the DBAPI cursor by ``Store.driver``. Everything else stays on Core.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.sql.compiler import SQLCompiler


@dataclass(frozen=True)
class Compiled:
    """One statement as one dialect's driver takes it: SQL text, how to order its parameters, its columns."""

    sql: str
    positions: tuple[str, ...] | None  # parameter names in order for a positional paramstyle, else None
    processors: Mapping[str, Callable[[Any], Any]]
    columns: tuple[str, ...]

    def parameters(self, values: Mapping[str, Any]) -> Any:
        if self.processors:
            values = {k: (self.processors[k](v) if k in self.processors else v) for k, v in values.items()}
        if self.positions is None:
            return values
        return tuple(values[name] for name in self.positions)


_COMPILED: dict[tuple[sa.ClauseElement, str, str, object], Compiled] = {}


def compiled(statement: sa.ClauseElement, dialect: sa.Dialect) -> Compiled:
    """``statement`` compiled for ``dialect``, once per process and kind of database (the statements are
    module-level constants; a test process makes hundreds of engines, all with equal dialects)."""
    key = (statement, dialect.name, dialect.paramstyle, dialect.server_version_info)
    found = _COMPILED.get(key)
    if found is None:
        found = _COMPILED[key] = _compile(statement, dialect)  # a race compiles twice, harmlessly
    return found


def _compile(statement: sa.ClauseElement, dialect: sa.Dialect) -> Compiled:
    result = statement.compile(dialect=dialect)
    assert isinstance(result, SQLCompiler)
    positions = tuple(result.positiontup or ()) if result.positional else None
    bind: dict[str, Callable[[Any], Any] | None] = getattr(result, "_bind_processors", {})
    processors = {k: v for k, v in bind.items() if v is not None}
    columns = tuple(str(column[0]) for column in result._result_columns or ())
    return Compiled(result.string, positions, processors, columns)


@dataclass(frozen=True)
class Driver:
    """Runs compiled hot statements on one DBAPI connection, inside a transaction ``Store.driver`` owns.

    ``before_cursor_execute`` listeners on the engine still see every statement (with no execution context),
    so statement counting and tracing keep working; nothing else of Core's event machinery runs."""

    connection: sa.Connection

    def _run(self, statement: sa.ClauseElement, values: dict[str, Any]) -> tuple[Compiled, Any]:
        connection = self.connection
        found = compiled(statement, connection.dialect)
        parameters = found.parameters(values)
        cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            # The engine's listeners: a Connection's own dispatch is built lazily, at a cost, on every new one.
            listeners = connection.engine.dispatch.before_cursor_execute
            if listeners:
                listeners(connection, cursor, found.sql, parameters, None, False)
            cursor.execute(found.sql, parameters)
        except BaseException as error:
            cursor.close()
            driver_error = connection.dialect.loaded_dbapi.Error
            if isinstance(error, driver_error):
                # The same exception types Core raises (sa.exc.IntegrityError, OperationalError, ...).
                raise sa.exc.DBAPIError.instance(found.sql, parameters, error, driver_error) from error
            raise
        return found, cursor

    def one(self, statement: sa.ClauseElement, **values: Any) -> dict[str, Any] | None:
        """The first row as a dict of column name to value, or ``None``."""
        found, cursor = self._run(statement, values)
        try:
            row = cursor.fetchone()
        finally:
            cursor.close()
        return None if row is None else dict(zip(found.columns, row, strict=True))

    def execute(self, statement: sa.ClauseElement, **values: Any) -> int:
        """Run a statement without rows; how many rows it changed."""
        _, cursor = self._run(statement, values)
        try:
            return int(cursor.rowcount)
        finally:
            cursor.close()
