"""The rotation schedule [S38]: given the store and the clock, bring a realm's key ring up to date.

The schedule lives in the store (a key is published at ``created_at`` and signs one period later), so every
worker and every process over the same database agrees on it, and a pause in traffic does not shift it: the
steps missed are made with their scheduled times. Three steps renew every signing key, so a long pause needs
no more than three.
"""

from __future__ import annotations

import threading

import sqlalchemy as sa

from mock_provider.keys.authority import CertificateAuthority
from mock_provider.keys.keyring import SIGNING_ROLES, KeyRing, load_ring, rotate
from mock_provider.store import Store

# Threads of one worker rotate one at a time; other processes are kept out by the conditional retire in rotate().
_LOCK = threading.Lock()


def catch_up(store: Store, realm: str, ca: CertificateAuthority, *, period: float, now: float) -> KeyRing:
    with _LOCK:
        try:
            return _catch_up(store, realm, ca, period=period, now=now)
        except sa.exc.OperationalError:
            # Another process held the write lock and rotated meanwhile: its keys are in the store.
            with store.begin() as connection:
                return load_ring(connection, realm)


def _catch_up(store: Store, realm: str, ca: CertificateAuthority, *, period: float, now: float) -> KeyRing:
    with store.begin() as connection:
        ring = load_ring(connection, realm)
        due = ring.rotates_at(period)
        if now < due:
            return ring
        missed = int((now - due) // period) + 1
        steps = min(missed, len(SIGNING_ROLES))
        first = due + (missed - steps) * period
        for step in range(steps):
            if not rotate(connection, ring, ca, at=first + step * period):
                break  # another worker made this step first
            ring = load_ring(connection, realm)
        return load_ring(connection, realm)
