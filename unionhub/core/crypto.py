"""Field-level protection of personal data (domain.md §11.3 rule 2).

* ``encrypt`` / ``decrypt``: AES-256-GCM with a random 96-bit nonce. The stored text is
  ``<key id>$<base64(nonce + ciphertext + tag)>``; the key id tells which key wrote it, so
  keys can rotate: new values are written with ``settings.PII_KEY``, old values are still read
  with any key in ``settings.PII_OLD_KEYS`` until ``manage.py rotate_pii_key`` rewrites them.
* ``pii_hash``: HMAC-SHA-256 of the *normalised* value, for exact lookup and uniqueness
  without decrypting. ``pii_hashes`` gives the hash under every configured key, so lookups
  keep working during a rotation.

``PII_KEY`` may be any string (base64 or not): the 32-byte AES key and the separate HMAC
key are derived from it with HKDF-SHA-256, each with its own purpose label. Keys come from
the environment, never from the repository (settings.py)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from dataclasses import dataclass
from functools import lru_cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

SEPARATOR = "$"
_NONCE_BYTES = 12


class DecryptionError(Exception):
    """The stored value cannot be read with any configured key."""


@dataclass(frozen=True)
class PiiKey:
    key_id: str
    aes_key: bytes
    hmac_key: bytes


def _derive(secret: str, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=b"unionhub-pii-v1", info=info).derive(
        secret.encode()
    )


@lru_cache(maxsize=16)
def _key_from_secret(secret: str) -> PiiKey:
    aes_key = _derive(secret, b"aes-256-gcm field encryption")
    hmac_key = _derive(secret, b"hmac-sha256 lookup hash")
    # The id is a fingerprint of the derived key, not of the secret: it reveals nothing.
    key_id = hashlib.sha256(b"unionhub-pii-key-id" + aes_key).hexdigest()[:8]
    return PiiKey(key_id=key_id, aes_key=aes_key, hmac_key=hmac_key)


def _old_secrets() -> list[str]:
    old = getattr(settings, "PII_OLD_KEYS", None) or os.environ.get("PII_OLD_KEYS", "")
    if isinstance(old, str):
        old = [s for s in (part.strip() for part in old.split(",")) if s]
    return [s for s in old if s]


def current_key() -> PiiKey:
    secret = getattr(settings, "PII_KEY", "")
    if not secret:
        raise RuntimeError("settings.PII_KEY is not set")
    return _key_from_secret(secret)


def all_keys() -> list[PiiKey]:
    """The current key first, then the old ones still accepted for reading."""
    keys = [current_key()]
    for secret in _old_secrets():
        key = _key_from_secret(secret)
        if key.key_id not in {k.key_id for k in keys}:
            keys.append(key)
    return keys


def encrypt(value: str, *, context: str = "") -> str:
    """Encrypt ``value`` (``context`` is bound as associated data, e.g. the field name)."""
    if value is None or value == "":
        return ""
    key = current_key()
    nonce = os.urandom(_NONCE_BYTES)
    sealed = AESGCM(key.aes_key).encrypt(nonce, value.encode(), context.encode() or None)
    return key.key_id + SEPARATOR + base64.b64encode(nonce + sealed).decode()


def decrypt(token: str, *, context: str = "") -> str:
    if not token:
        return ""
    key_id, _sep, payload = token.partition(SEPARATOR)
    raw = base64.b64decode(payload)
    for key in all_keys():
        if key.key_id != key_id:
            continue
        try:
            return (
                AESGCM(key.aes_key)
                .decrypt(raw[:_NONCE_BYTES], raw[_NONCE_BYTES:], context.encode() or None)
                .decode()
            )
        except InvalidTag as exc:
            raise DecryptionError("personal data failed its integrity check") from exc
    raise DecryptionError(f"no configured key has id {key_id}")


def key_id_of(token: str) -> str:
    return token.partition(SEPARATOR)[0] if token else ""


def needs_rotation(token: str) -> bool:
    return bool(token) and key_id_of(token) != current_key().key_id


def _hmac(key: PiiKey, value: str, context: str) -> str:
    message = f"{context}\x00{value}".encode()
    return hmac.new(key.hmac_key, message, hashlib.sha256).hexdigest()


def pii_hash(value: str, *, context: str = "") -> str:
    """Keyed hash (64 hex) of an already-normalised value, under the current key."""
    if not value:
        return ""
    return _hmac(current_key(), value, context)


def pii_hashes(value: str, *, context: str = "") -> list[str]:
    """The hash under every configured key (lookups during a key rotation)."""
    if not value:
        return []
    return [_hmac(key, value, context) for key in all_keys()]


def clear_key_cache() -> None:
    _key_from_secret.cache_clear()
