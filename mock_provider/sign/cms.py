"""Detached CMS SignedData (RFC 5652) over the signed text: the shape of BankID's ``endUser`` and
``merchant`` signatures (base64 DER ``MIAGCSqGSIb3DQEHAq…``, i.e. PKCS #7 signedData) [S63].

Each signature carries its signer's certificate chain, issued by the mock CA, so a relying party can verify
it without any other input than the text it sent.
"""

from __future__ import annotations

import datetime as dt

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs7

from mock_provider.keys.authority import CertificateAuthority

# A signer certificate lives as long as a BankID end-user certificate could; the mock only needs it valid now.
_SIGNER_VALIDITY = dt.timedelta(days=365)


def sign_detached(
    ca: CertificateAuthority, content: bytes, *, common_name: str, organisation: str, now: dt.datetime
) -> bytes:
    """DER SignedData over ``content`` by a fresh P-256 key whose certificate ``ca`` issues for the signer."""
    key = ec.generate_private_key(ec.SECP256R1())
    leaf = ca.issue(
        key.public_key(), common_name=common_name, organisation=organisation, now=now, validity=_SIGNER_VALIDITY
    )
    builder = (
        pkcs7.PKCS7SignatureBuilder()
        .set_data(content)
        .add_signer(leaf, key, hashes.SHA256())
        .add_certificate(ca.certificate)
    )
    return builder.sign(serialization.Encoding.DER, [pkcs7.PKCS7Options.DetachedSignature, _NO_CAPABILITIES])


# S/MIME capabilities mean nothing for a text signature; leaving them out keeps the signed attributes minimal.
_NO_CAPABILITIES = pkcs7.PKCS7Options.NoCapabilities
