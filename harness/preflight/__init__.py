"""Preflight for integrators: check a BankID provisioning request file before sending it [S1].

``bankid-preflight REQUEST_FILE`` reads a TOML or YAML request (schema in ``docs/provisioning-request.md``)
and judges it with ``bankid_provisioning``, the same code the mock provisions with. It never imports the mock.
"""

from harness.preflight.cli import main
from harness.preflight.files import RequestFileError, load_request_file

__all__ = ["RequestFileError", "load_request_file", "main"]
