"""Donor names kept out of the database's plain text: authenticated encryption with a key outside the database.

A donor who does not agree to be named (tài trợ, ủng hộ giấu tên) is still on record for the treasurer and the
inspection board, but someone reading the whole database sees only sealed bytes. AES-256-GCM, key derived
(HKDF-SHA256) from the server's secret; every sealed name has the same length so its size reveals nothing.
Pure functions: the service passes the secret in.
"""

from __future__ import annotations

import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

PLAINTEXT_BYTES = 800
"""Every sealed name hides exactly this many bytes (200 Vietnamese characters take at most 800 in UTF-8)."""
NONCE_BYTES = 12
_SALT = b"grassroots funds donor names v1"


class SealError(ValueError):
    """A name that cannot be opened (wrong key, changed bytes)."""


def derive_key(secret: str) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=_SALT, info=b"donor-name").derive(secret.encode("utf-8"))


def seal(key: bytes, name: str) -> bytes:
    payload = name.encode("utf-8")
    if len(payload) > PLAINTEXT_BYTES:
        raise SealError("name too long")
    nonce = os.urandom(NONCE_BYTES)
    return nonce + AESGCM(key).encrypt(nonce, payload + b"\0" * (PLAINTEXT_BYTES - len(payload)), None)


def unseal(key: bytes, sealed: bytes) -> str:
    try:
        padded = AESGCM(key).decrypt(bytes(sealed[:NONCE_BYTES]), bytes(sealed[NONCE_BYTES:]), None)
    except InvalidTag as error:
        raise SealError("cannot open this name") from error
    return padded.rstrip(b"\0").decode("utf-8")
