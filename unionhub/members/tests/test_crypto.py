"""Field encryption and keyed hashes (domain.md §11.3 rule 2)."""

from __future__ import annotations

import pytest

from unionhub.core import crypto


@pytest.fixture(autouse=True)
def _keys(settings):
    settings.PII_KEY = "test-key-one"
    settings.PII_OLD_KEYS = []
    crypto.clear_key_cache()
    yield
    crypto.clear_key_cache()


def test_round_trip_and_random_nonce():
    a = crypto.encrypt("11010519491231002X", context="id_number")
    b = crypto.encrypt("11010519491231002X", context="id_number")
    assert a != b  # random nonce
    assert "11010519491231002X" not in a
    assert crypto.decrypt(a, context="id_number") == "11010519491231002X"


def test_context_is_bound():
    token = crypto.encrypt("13812345678", context="phone")
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(token, context="id_number")


def test_tampering_detected():
    token = crypto.encrypt("13812345678", context="phone")
    kid, payload = token.split("$")
    flipped = payload[:-3] + ("A" if payload[-3] != "A" else "B") + payload[-2:]
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(f"{kid}${flipped}", context="phone")


def test_hash_is_keyed_and_deterministic():
    h1 = crypto.pii_hash("13812345678", context="phone")
    assert h1 == crypto.pii_hash("13812345678", context="phone")
    assert len(h1) == 64
    assert h1 != crypto.pii_hash("13812345678", context="id_number")


def test_rotation(settings):
    old_token = crypto.encrypt("13812345678", context="phone")
    old_hash = crypto.pii_hash("13812345678", context="phone")
    settings.PII_KEY = "test-key-two"
    # without the old key, old values cannot be read
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(old_token, context="phone")
    settings.PII_OLD_KEYS = ["test-key-one"]
    assert crypto.decrypt(old_token, context="phone") == "13812345678"
    assert crypto.needs_rotation(old_token)
    new_token = crypto.encrypt("13812345678", context="phone")
    assert not crypto.needs_rotation(new_token)
    assert old_hash in crypto.pii_hashes("13812345678", context="phone")
    assert crypto.pii_hash("13812345678", context="phone") != old_hash


def test_old_keys_as_comma_string(settings):
    settings.PII_OLD_KEYS = "a-key, b-key"
    keys = crypto.all_keys()
    # Three secrets, each readable under both algorithms (a switch of PII_CIPHER).
    assert len({k.key_id for k in keys if k.cipher == crypto.current_key().cipher}) == 3
    assert len(keys) == 3 * len(crypto.CIPHERS)


def test_empty_values():
    assert crypto.encrypt("") == ""
    assert crypto.decrypt("") == ""
    assert crypto.pii_hash("") == ""
