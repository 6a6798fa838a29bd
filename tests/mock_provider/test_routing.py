"""Routes share their URL-building functions across apps (mock_provider.routing) and still build exactly the URLs
werkzeug's own rules build."""

from __future__ import annotations

import pytest
from werkzeug.routing import Map, Rule

from mock_provider import create_app


def _values(rule: Rule) -> dict[str, str]:
    # Characters each converter must quote: a slash, a space, a non-ASCII letter, a percent sign.
    return {name: f"v/{name} æ%" for name in rule.arguments}


@pytest.mark.parametrize("append_unknown", [True, False])
def test_every_route_builds_the_urls_a_plain_werkzeug_rule_builds(append_unknown: bool) -> None:
    first, second = create_app(), create_app()
    for app in (first, second):
        rules = list(app.url_map.iter_rules())
        plain = Map([Rule(r.rule, endpoint=r.endpoint, methods=r.methods) for r in rules])
        for rule, reference in zip(rules, plain.iter_rules(), strict=True):
            values = {**_values(rule), "extra": "q v&"}
            assert rule.build(values, append_unknown) == reference.build(values, append_unknown), rule.rule


def test_a_second_app_reuses_the_first_apps_url_builders() -> None:
    first, second = create_app(), create_app()
    for one, other in zip(first.url_map.iter_rules(), second.url_map.iter_rules(), strict=True):
        assert one is not other
        assert one._build.__func__ is other._build.__func__
        assert one._build_unknown.__func__ is other._build_unknown.__func__
