"""What validation needs from the world: the time, and which CAs may issue a CURRENT merchant certificate.

Injected rather than read from a clock or a file so the mock, the preflight CLI and the tests judge a request
the same way (STYLE.md, principle 12).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from cryptography import x509

from bankid_provisioning.model import Environment


@dataclass(frozen=True, kw_only=True)
class Policy:
    """Empty ``trust_anchors`` accept a PreProd merchant CA carried in the .bid itself (the preflight)."""

    now: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    trust_anchors: tuple[x509.Certificate, ...] = ()
    # The items only newer pages imply (``newer_items``): required by default, optional as the earlier lists
    # have it; which reading BankID applies is UNCLEAR (PROVIDER-FACTS §4).
    newer_items_required: bool = True
    # The environments BankID provisions: CURRENT and PROD [S1][S2]; PREPROD only where it is taken as offered
    # (PROVIDER-FACTS §1.1 says to treat it as not offered, a reading of [S1][S2][S10], not a statement).
    environments: tuple[Environment, ...] = (Environment.CURRENT, Environment.PROD)
