"""The client_id a provisioned client gets: ``<name>-bankid-<env>``.

Observed on CURRENT: ``myclient-bankid-current`` [S16][S39], ``yourapplication-bankid-current`` [S13],
``visleg-test-froggy-bankid-current`` [S26] (PROVIDER-FACTS §3.2; the convention is INFERRED).
"""

from __future__ import annotations

from bankid_provisioning.model import Environment


def client_id_for(client_name: str, environment: Environment) -> str:
    return f"{client_name}-bankid-{environment.value.lower()}"
