"""A tiny document model (headings, paragraphs, tables) rendered to Markdown and to printable HTML, so the
certification report is written once and both forms always say the same thing."""

from __future__ import annotations

import html
from dataclasses import dataclass


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 2


@dataclass(frozen=True)
class Para:
    text: str


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    css: str = ""


Block = Heading | Para | Table

_CSS = """
body{font-family:system-ui,sans-serif;margin:2em;color:#111}
table{border-collapse:collapse;margin:1em 0;font-size:.9em}
th,td{border:1px solid #999;padding:.25em .5em;text-align:left;vertical-align:top}
th{background:#eee}
.s-passed{background:#d9f2d9}.s-failed{background:#f8c6c6}.s-warned{background:#fbe8b0}
.s-inconclusive{background:#dde3f5}.s-not-applicable,.s-not-run,.s-not-judged{background:#eee}
.s-known-deviation{background:#ead7f5}
@media print{body{margin:0}table{page-break-inside:auto}tr{page-break-inside:avoid}}
"""


def markdown(blocks: list[Block]) -> str:
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            out += ["#" * block.level + " " + block.text, ""]
        elif isinstance(block, Para):
            out += [block.text, ""]
        else:
            out.append("| " + " | ".join(_md(c) for c in block.header) + " |")
            out.append("|" + "---|" * len(block.header))
            out += ["| " + " | ".join(_md(c) for c in row) + " |" for row in block.rows]
            out.append("")
    return "\n".join(out)


def to_html(blocks: list[Block], title: str) -> str:
    body: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            body.append(f"<h{block.level}>{html.escape(block.text)}</h{block.level}>")
        elif isinstance(block, Para):
            body.append(f"<p>{html.escape(block.text)}</p>")
        else:
            head = "".join(f"<th>{html.escape(c)}</th>" for c in block.header)
            rows = "".join("<tr>" + "".join(_td(c) for c in row) + "</tr>" for row in block.rows)
            body.append(f'<table class="{block.css}"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>')
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
        f"<style>{_CSS}</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n"
    )


def _md(cell: str) -> str:
    return cell.replace("|", "/").replace("\n", " ")


_STATUSES = {"passed", "failed", "warned", "inconclusive", "not-applicable", "not-run", "not-judged", "known-deviation"}


def _td(cell: str) -> str:
    css = f' class="s-{cell}"' if cell in _STATUSES else ""
    return f"<td{css}>{html.escape(cell)}</td>"
