"""Evidence: the redacted HTTP exchanges of one scenario, kept for reports and failure messages."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Exchange:
    """One request and its response, already redacted when it is created."""

    method: str
    url: str
    request_headers: dict[str, str]
    request_body: str
    status: int | None
    response_headers: dict[str, str]
    response_body: str
    elapsed_ms: float | None = None
    error: str | None = None

    def summary(self) -> str:
        outcome = self.error or f"{self.status}"
        return f"{self.method} {self.url} -> {outcome}"

    def render(self, body_limit: int = 2000) -> str:
        lines = [f"> {self.method} {self.url}"]
        lines += [f"> {k}: {v}" for k, v in self.request_headers.items()]
        if self.request_body:
            lines += [">", f"> {self.request_body[:body_limit]}"]
        if self.error:
            lines.append(f"! {self.error}")
            return "\n".join(lines)
        lines.append(f"< {self.status}")
        lines += [f"< {k}: {v}" for k, v in self.response_headers.items()]
        if self.response_body:
            lines += ["<", f"< {self.response_body[:body_limit]}"]
        return "\n".join(lines)


@dataclass
class Evidence:
    exchanges: list[Exchange] = field(default_factory=list)

    def add(self, exchange: Exchange) -> None:
        self.exchanges.append(exchange)

    def render(self) -> str:
        return "\n\n".join(e.render() for e in self.exchanges)

    def as_json(self) -> list[dict[str, Any]]:
        return [asdict(e) for e in self.exchanges]
