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
the environment, never from the repository (settings.py).

National algorithms (商用密码, 等保 2.0): with ``PII_CIPHER=sm4-gcm`` values are encrypted with
SM4 (GB/T 32907-2016) in GCM mode and the lookup hash is HMAC-SM3 (GB/T 32905-2016), both
from ``cryptography`` (OpenSSL). The key id differs per algorithm, so switching the setting
is a key rotation like any other: values written under either algorithm stay readable,
lookups match under both, and ``rotate_pii_key`` rewrites them with the configured one."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from dataclasses import dataclass
from functools import lru_cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import hmac as crypto_hmac
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

SEPARATOR = "$"
_NONCE_BYTES = 12
AES_GCM = "aes-256-gcm"
SM4_GCM = "sm4-gcm"
CIPHERS = (AES_GCM, SM4_GCM)


class DecryptionError(Exception):
    """The stored value cannot be read with any configured key."""


@dataclass(frozen=True)
class PiiKey:
    key_id: str
    #: the field-encryption key: 32 bytes for AES-256, 16 for SM4
    aes_key: bytes
    hmac_key: bytes
    cipher: str = AES_GCM

    def seal(self, nonce: bytes, data: bytes, aad: bytes | None) -> bytes:
        if self.cipher == AES_GCM:
            return AESGCM(self.aes_key).encrypt(nonce, data, aad)
        encryptor = Cipher(algorithms.SM4(self.aes_key), modes.GCM(nonce)).encryptor()
        if aad:
            encryptor.authenticate_additional_data(aad)
        return encryptor.update(data) + encryptor.finalize() + encryptor.tag

    def open(self, nonce: bytes, sealed: bytes, aad: bytes | None) -> bytes:
        if self.cipher == AES_GCM:
            return AESGCM(self.aes_key).decrypt(nonce, sealed, aad)
        body, tag = sealed[:-16], sealed[-16:]
        decryptor = Cipher(algorithms.SM4(self.aes_key), modes.GCM(nonce, tag)).decryptor()
        if aad:
            decryptor.authenticate_additional_data(aad)
        return decryptor.update(body) + decryptor.finalize()

    def mac(self, message: bytes) -> str:
        if self.cipher == AES_GCM:
            return hmac.new(self.hmac_key, message, hashlib.sha256).hexdigest()
        signer = crypto_hmac.HMAC(self.hmac_key, hashes.SM3())
        signer.update(message)
        return signer.finalize().hex()


def _derive(secret: str, info: bytes, length: int = 32) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(), length=length, salt=b"unionhub-pii-v1", info=info
    ).derive(secret.encode())


@lru_cache(maxsize=16)
def _key_from_secret(secret: str, cipher: str = AES_GCM) -> PiiKey:
    if cipher == SM4_GCM:
        sm4_key = _derive(secret, b"sm4-gcm field encryption", 16)
        hmac_key = _derive(secret, b"hmac-sm3 lookup hash")
        key_id = hashlib.sha256(b"unionhub-pii-key-id-sm4" + sm4_key).hexdigest()[:8]
        return PiiKey(key_id=key_id, aes_key=sm4_key, hmac_key=hmac_key, cipher=SM4_GCM)
    aes_key = _derive(secret, b"aes-256-gcm field encryption")
    hmac_key = _derive(secret, b"hmac-sha256 lookup hash")
    # The id is a fingerprint of the derived key, not of the secret: it reveals nothing.
    key_id = hashlib.sha256(b"unionhub-pii-key-id" + aes_key).hexdigest()[:8]
    return PiiKey(key_id=key_id, aes_key=aes_key, hmac_key=hmac_key)


def configured_cipher() -> str:
    cipher = getattr(settings, "PII_CIPHER", AES_GCM) or AES_GCM
    if cipher not in CIPHERS:
        raise RuntimeError(f"settings.PII_CIPHER must be one of {CIPHERS}, not {cipher!r}")
    return cipher


def _old_secrets() -> list[str]:
    old = getattr(settings, "PII_OLD_KEYS", None) or os.environ.get("PII_OLD_KEYS", "")
    if isinstance(old, str):
        old = [s for s in (part.strip() for part in old.split(",")) if s]
    return [s for s in old if s]


def current_key() -> PiiKey:
    secret = getattr(settings, "PII_KEY", "")
    if not secret:
        raise RuntimeError("settings.PII_KEY is not set")
    return _key_from_secret(secret, configured_cipher())


def all_keys() -> list[PiiKey]:
    """The current key first, then every other key still accepted for reading: the old
    secrets, and each secret under the other algorithm (a switch of ``PII_CIPHER``)."""
    keys = [current_key()]
    for secret in [settings.PII_KEY, *_old_secrets()]:
        for cipher in CIPHERS:
            key = _key_from_secret(secret, cipher)
            if key.key_id not in {k.key_id for k in keys}:
                keys.append(key)
    return keys


def encrypt(value: str, *, context: str = "") -> str:
    """Encrypt ``value`` (``context`` is bound as associated data, e.g. the field name)."""
    if value is None or value == "":
        return ""
    key = current_key()
    nonce = os.urandom(_NONCE_BYTES)
    sealed = key.seal(nonce, value.encode(), context.encode() or None)
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
            return key.open(
                raw[:_NONCE_BYTES], raw[_NONCE_BYTES:], context.encode() or None
            ).decode()
        except InvalidTag as exc:
            raise DecryptionError("personal data failed its integrity check") from exc
    raise DecryptionError(f"no configured key has id {key_id}")


def key_id_of(token: str) -> str:
    return token.partition(SEPARATOR)[0] if token else ""


def needs_rotation(token: str) -> bool:
    return bool(token) and key_id_of(token) != current_key().key_id


def _hmac(key: PiiKey, value: str, context: str) -> str:
    return key.mac(f"{context}\x00{value}".encode())


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
