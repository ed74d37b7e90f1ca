"""The sealed ballot box of an online secret vote: authenticated encryption with a key outside the database.

Pure functions (no Django, no queries): ``services`` pass the key material in. A sealed ballot is
AES-256-GCM over a fixed-length plaintext (the option key and the free-text opinion, padded to
``PLAINTEXT_BYTES``), so every sealed ballot of every vote has the same length and reveals nothing
to someone reading the database. The key is derived per vote (HKDF-SHA256) from the server's ballot
secret and the vote's random salt; each ballot has its own random nonce.
"""

from __future__ import annotations

import json
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

PLAINTEXT_BYTES = 2048
"""Every sealed ballot hides a plaintext of exactly this many bytes (a choice and ≤ ``OPINION_MAX_CHARS``)."""
OPINION_MAX_CHARS = 500
"""The longest "other opinion" a ballot carries (UTF-8 Vietnamese takes ≤ 3 bytes a character)."""
NONCE_BYTES = 12
SALT_BYTES = 16
SEALED_BYTES = NONCE_BYTES + PLAINTEXT_BYTES + 16
"""Nonce, ciphertext and the 16-byte GCM tag: the length of every sealed ballot."""
_INFO = b"grassroots ballot box v1"


class SealError(ValueError):
    """A ballot that cannot be sealed (opinion too long) or opened (wrong key, tampered bytes)."""


def new_salt() -> bytes:
    return os.urandom(SALT_BYTES)


def derive_key(secret: str | bytes, salt: bytes) -> bytes:
    """The AES-256 key of one vote's box: HKDF-SHA256 of the ballot secret, salted by the vote."""
    material = secret.encode("utf-8") if isinstance(secret, str) else secret
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=_INFO).derive(material)


def seal(key: bytes, option_key: str, opinion: str = "") -> bytes:
    """One sealed ballot of exactly ``SEALED_BYTES`` bytes."""
    if len(opinion) > OPINION_MAX_CHARS:
        raise SealError("opinion too long")
    payload = json.dumps({"o": option_key, "t": opinion}, ensure_ascii=False).encode("utf-8")
    if len(payload) >= PLAINTEXT_BYTES:
        raise SealError("ballot too long")
    padded = payload + b" " * (PLAINTEXT_BYTES - len(payload))
    nonce = os.urandom(NONCE_BYTES)
    return nonce + AESGCM(key).encrypt(nonce, padded, None)


def unseal(key: bytes, sealed: bytes) -> tuple[str, str]:
    """``(option_key, opinion)`` of a sealed ballot; ``SealError`` when the key is wrong or the bytes were changed."""
    if len(sealed) != SEALED_BYTES:
        raise SealError("not a sealed ballot")
    try:
        padded = AESGCM(key).decrypt(sealed[:NONCE_BYTES], sealed[NONCE_BYTES:], None)
    except InvalidTag as error:
        raise SealError("cannot open this ballot") from error
    payload = json.loads(padded.rstrip(b" ").decode("utf-8"))
    return str(payload["o"]), str(payload["t"])
