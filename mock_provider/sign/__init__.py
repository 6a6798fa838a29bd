"""BankID's simple text signing (VAS): ``scope=sign`` with ``sign_txt`` at authorize, the user confirms the
text in the BankID dialog, and the ID token carries ``sign_result`` [S63][S64][S65].

``text`` parses and limits the text, ``cms`` makes the detached CMS signatures, ``result`` builds the claim.
The document flow (``sign_id``, SEID-SDO / PAdES through ``signdoc-baseurl``) is not implemented, so discovery
does not advertise ``signdoc-baseurl`` and authorize refuses ``sign_id`` (``mock_provider.authorize.request``).
"""

from mock_provider.sign.result import sign_result
from mock_provider.sign.text import SIGN_SCOPE, parse_sign_text

__all__ = ["SIGN_SCOPE", "parse_sign_text", "sign_result"]
