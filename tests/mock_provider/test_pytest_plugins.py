"""Both plugins are opt-in: a pytest session that does not ask for them sees nothing of BankID."""

from __future__ import annotations

import pytest

pytest_plugins = ["pytester"]


@pytest.mark.heavy(4)
def test_a_session_that_did_not_opt_in_shows_no_bankid_fixtures_or_options(pytester: pytest.Pytester) -> None:
    pytester.makepyfile("def test_target(target=None):\n    assert target is None\n")
    fixtures = pytester.runpytest_subprocess("--fixtures", "-p", "no:cacheprovider")
    help_text = pytester.runpytest_subprocess("--help", "-p", "no:cacheprovider")
    run = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-v")
    # The header's "plugins:" line names the installed distribution; nothing else may.
    header = ("rootdir:", "plugins:", "platform ", "hypothesis ", "configfile:")
    for line in (line for line in fixtures.stdout.lines if not line.startswith(header)):
        assert "harness" not in line and "mock_provider" not in line and "bankid_" not in line, line
    for option in ("--bankid-target", "--target", "--mock-fault", "BankID"):
        assert option not in help_text.stdout.str()
    run.assert_outcomes(passed=1)
    assert "test_target[" not in run.stdout.str()  # no parametrization of a fixture named ``target``


@pytest.mark.parametrize("ask", [["-p", "bankid_conformance"], ["--bankid-target", "mock"]])
def test_the_conformance_plugin_loads_when_asked(pytester: pytest.Pytester, ask: list[str]) -> None:
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", *ask, "--help")
    assert "--bankid-target" in result.stdout.str()
    assert "--mock-fault" in result.stdout.str()


def test_opting_in_gives_the_fixtures_and_the_marker(pytester: pytest.Pytester) -> None:
    pytester.makeconftest('pytest_plugins = ["mock_provider.pytest_plugin"]\n')
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.bankid_mock(client={"client_id": "shop-bankid-current", "display_name": "Shop AS"})
        def test_client(bankid_mock):
            assert bankid_mock.client.client_id == "shop-bankid-current"
            assert bankid_mock.metadata()["issuer"] == "https://auth.current.bankid.no/auth/realms/current"
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--strict-markers")
    result.assert_outcomes(passed=1)
