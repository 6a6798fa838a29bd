"""Verifying a detached CMS SignedData (RFC 5652 §5) over content the relying party holds, as BankID's text
signatures are delivered (``sign_result.endUser`` / ``.merchant``, base64 DER/BER ``MIAGCSqGSIb3DQEHAq…``).

``cryptography`` builds CMS but does not verify it, so this module reads just the fields verification needs
(RFC 5652 §5.4: the ``messageDigest`` attribute equals the content's digest, and the signature covers the DER
of the signed attributes) and checks the signer's certificate chain inside the structure. BER indefinite
lengths are read too, as BankID's own encoder emits them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

SIGNED_DATA = "1.2.840.113549.1.7.2"
MESSAGE_DIGEST = "1.2.840.113549.1.9.4"
DIGESTS: dict[str, hashes.HashAlgorithm] = {
    "2.16.840.1.101.3.4.2.1": hashes.SHA256(),
    "2.16.840.1.101.3.4.2.2": hashes.SHA384(),
    "2.16.840.1.101.3.4.2.3": hashes.SHA512(),
}


class CmsError(ValueError):
    """The structure is not a SignedData this module can verify, or it does not verify; the text says why."""


@dataclass(frozen=True)
class Node:
    tag: int
    data: bytes  # the whole input
    start: int  # first byte of the tag
    body: int  # first byte of the contents
    body_end: int  # end of the contents (before an end-of-contents marker)
    end: int  # first byte after the element

    @property
    def raw(self) -> bytes:
        return self.data[self.start : self.end]

    @property
    def content(self) -> bytes:
        return self.data[self.body : self.body_end]

    def children(self) -> list[Node]:
        nodes, pos = [], self.body
        while pos < self.body_end:
            node = read(self.data, pos)
            nodes.append(node)
            pos = node.end
        return nodes


def read(data: bytes, pos: int = 0) -> Node:
    """One TLV at ``pos`` (single-byte tags; definite or, for constructed types, indefinite length)."""
    if pos + 2 > len(data):
        raise CmsError("truncated DER")
    tag, first = data[pos], data[pos + 1]
    body = pos + 2
    if first == 0x80:
        return _indefinite(data, pos, tag, body)
    length = first
    if first & 0x80:
        count = first & 0x7F
        length = int.from_bytes(data[body : body + count], "big")
        body += count
    if body + length > len(data):
        raise CmsError("DER length runs past the end")
    return Node(tag, data, pos, body, body + length, body + length)


def _indefinite(data: bytes, pos: int, tag: int, body: int) -> Node:
    cursor = body
    while data[cursor : cursor + 2] != b"\x00\x00":
        cursor = read(data, cursor).end
    return Node(tag, data, pos, body, cursor, cursor + 2)


def oid(node: Node) -> str:
    raw = node.content
    parts = [raw[0] // 40, raw[0] % 40]
    value = 0
    for byte in raw[1:]:
        value = (value << 7) | (byte & 0x7F)
        if not byte & 0x80:
            parts.append(value)
            value = 0
    return ".".join(map(str, parts))


@dataclass(frozen=True)
class Signer:
    """A verified signature: the signer's certificate and the chain above it, leaf first."""

    chain: tuple[x509.Certificate, ...]

    @property
    def subject(self) -> str:
        return self.chain[0].subject.rfc4514_string()

    @property
    def root(self) -> str:
        return self.chain[-1].subject.rfc4514_string()


def verify_detached(der: bytes, content: bytes) -> Signer:
    """Verify that ``der`` is a SignedData whose one signer signed exactly ``content``; the chain is checked."""
    try:
        signed = _signed_data(read(der))
        info = _signer_info(signed)
        certificates = _certificates(signed)
        leaf = _signer_certificate(info, certificates)
        _check_signature(info, leaf, content)
        return Signer(_chain(leaf, certificates))
    except CmsError:
        raise
    except Exception as exc:
        # The bytes come from the provider: whatever the DER reader or cryptography's certificate parser trips on
        # (IndexError, InvalidVersion, UnsupportedAlgorithm…), it is a malformed signature, never a harness crash.
        raise CmsError(f"malformed SignedData: {exc or type(exc).__name__}") from exc


def _signed_data(root: Node) -> list[Node]:
    outer = root.children()
    if len(outer) < 2 or outer[0].tag != 0x06 or oid(outer[0]) != SIGNED_DATA:
        raise CmsError("not a CMS SignedData (content type is not 1.2.840.113549.1.7.2)")
    return outer[1].children()[0].children()


def _certificates(signed: list[Node]) -> list[x509.Certificate]:
    # Read each certificate from the [0] IMPLICIT set ourselves: cryptography's loader warns on BER input.
    bag = next((n for n in signed if n.tag == 0xA0), None)
    return [x509.load_der_x509_certificate(n.raw) for n in bag.children()] if bag else []


def _signer_info(signed: list[Node]) -> list[Node]:
    infos = signed[-1].children()
    if signed[-1].tag != 0x31 or len(infos) != 1:
        raise CmsError(f"expected exactly one SignerInfo, found {len(infos)}")
    return infos[0].children()


def _signer_certificate(info: list[Node], certificates: list[x509.Certificate]) -> x509.Certificate:
    sid = info[1]
    if sid.tag != 0x30:
        raise CmsError("the signer is named by subjectKeyIdentifier; only issuerAndSerialNumber is supported")
    serial = int.from_bytes(sid.children()[1].content, "big", signed=True)
    for certificate in certificates:
        if certificate.serial_number == serial:
            return certificate
    raise CmsError("the signer's certificate is not in the SignedData")


def _check_signature(info: list[Node], leaf: x509.Certificate, content: bytes) -> None:
    digest_oid = oid(info[2].children()[0])
    if digest_oid not in DIGESTS:
        raise CmsError(f"unsupported digest algorithm {digest_oid}")
    algorithm = DIGESTS[digest_oid]
    attributes = next((n for n in info[3:] if n.tag == 0xA0), None)
    signature = next(n for n in info[3:] if n.tag == 0x04).content
    if attributes is None:
        signed_bytes = content
    else:
        _check_message_digest(attributes, algorithm, content)
        signed_bytes = b"\x31" + attributes.raw[1:]  # RFC 5652 §5.4: the DER of the SET OF attributes
    _verify(leaf, signature, signed_bytes, algorithm)


def _check_message_digest(attributes: Node, algorithm: hashes.HashAlgorithm, content: bytes) -> None:
    expected = hashlib.new(algorithm.name, content).digest()
    for attribute in attributes.children():
        kind, values = attribute.children()
        if oid(kind) == MESSAGE_DIGEST:
            if values.children()[0].content != expected:
                raise CmsError("the messageDigest attribute is not the digest of the content sent")
            return
    raise CmsError("the signed attributes carry no messageDigest")


def _verify(leaf: x509.Certificate, signature: bytes, data: bytes, algorithm: hashes.HashAlgorithm) -> None:
    key = leaf.public_key()
    try:
        if isinstance(key, ec.EllipticCurvePublicKey):
            key.verify(signature, data, ec.ECDSA(algorithm))
        elif isinstance(key, rsa.RSAPublicKey):
            key.verify(signature, data, padding.PKCS1v15(), algorithm)
        else:
            raise CmsError(f"unsupported signer key type {type(key).__name__}")
    except InvalidSignature as exc:
        raise CmsError("the signature does not verify with the signer's certificate") from exc


def _chain(leaf: x509.Certificate, certificates: list[x509.Certificate]) -> tuple[x509.Certificate, ...]:
    """Leaf to the top certificate in the bag, each one verified as issued by the next."""
    chain = [leaf]
    while chain[-1].issuer != chain[-1].subject and len(chain) <= len(certificates):
        issuer = next((c for c in certificates if c.subject == chain[-1].issuer), None)
        if issuer is None:
            break
        try:
            chain[-1].verify_directly_issued_by(issuer)
        except (InvalidSignature, ValueError, TypeError) as exc:
            raise CmsError(f"{chain[-1].subject.rfc4514_string()} is not signed by its issuer") from exc
        chain.append(issuer)
    return tuple(chain)
