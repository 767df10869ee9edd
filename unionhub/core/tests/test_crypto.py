"""Field encryption of personal data under both algorithms (issue #19: SM4 beside AES-GCM),
and a switch of algorithm carried out as a key rotation without losing a record."""

from __future__ import annotations

import base64
import io

import pytest
from django.core.management import call_command

from unionhub.core import crypto

CIPHERS = [crypto.AES_GCM, crypto.SM4_GCM]


@pytest.fixture
def cipher(request, settings):
    settings.PII_CIPHER = request.param
    crypto.clear_key_cache()
    yield request.param
    crypto.clear_key_cache()


@pytest.mark.parametrize("cipher", CIPHERS, indirect=True)
def test_a_value_round_trips_and_is_not_stored_in_clear(cipher):
    token = crypto.encrypt("13800138000", context="phone")
    assert "13800138000" not in token
    assert crypto.current_key().cipher == cipher
    assert crypto.key_id_of(token) == crypto.current_key().key_id
    assert crypto.decrypt(token, context="phone") == "13800138000"
    assert crypto.encrypt("13800138000", context="phone") != token  # a fresh nonce each time


@pytest.mark.parametrize("cipher", CIPHERS, indirect=True)
def test_a_value_moved_to_another_field_or_tampered_with_is_refused(cipher):
    token = crypto.encrypt("320924199909090099", context="id_number")
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(token, context="phone")
    key_id, _sep, payload = token.partition(crypto.SEPARATOR)
    raw = bytearray(base64.b64decode(payload))
    raw[-1] ^= 0x01
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(
            key_id + crypto.SEPARATOR + base64.b64encode(raw).decode(), context="id_number"
        )


def test_each_algorithm_has_its_own_key_id_and_lookup_hash(settings):
    settings.PII_CIPHER = crypto.AES_GCM
    crypto.clear_key_cache()
    aes_id, aes_hash = crypto.current_key().key_id, crypto.pii_hash("13800138000")
    settings.PII_CIPHER = crypto.SM4_GCM
    sm4_id, sm4_hash = crypto.current_key().key_id, crypto.pii_hash("13800138000")
    assert aes_id != sm4_id and aes_hash != sm4_hash
    assert len(crypto.current_key().aes_key) == 16  # SM4 keys are 128 bits
    # During the switch a lookup matches values hashed under either algorithm.
    assert {aes_hash, sm4_hash} <= set(crypto.pii_hashes("13800138000"))


def test_an_unknown_algorithm_is_refused(settings):
    settings.PII_CIPHER = "des"
    with pytest.raises(RuntimeError, match="PII_CIPHER"):
        crypto.current_key()


def test_switching_to_sm4_is_a_rotation_that_keeps_every_member(settings, demo):
    from unionhub.members.models import Member
    from unionhub.members.tests.samples import member_in

    settings.PII_CIPHER = crypto.AES_GCM
    crypto.clear_key_cache()
    member = member_in("sheyang")
    phone, id_number = member.phone, member.id_number
    aes_id = crypto.current_key().key_id
    assert Member.objects.get(pk=member.pk).phone_enc.startswith(aes_id)

    settings.PII_CIPHER = crypto.SM4_GCM
    crypto.clear_key_cache()
    sm4_id = crypto.current_key().key_id
    # Before the rotation: still readable and still found by an exact look-up.
    assert Member.objects.get(pk=member.pk).phone == phone
    assert Member.objects.search_identity(phone).filter(pk=member.pk).exists()

    call_command("rotate_pii_key", stdout=io.StringIO())
    fresh = Member.objects.get(pk=member.pk)
    assert fresh.phone_enc.startswith(sm4_id + crypto.SEPARATOR)
    assert fresh.id_number_enc.startswith(sm4_id + crypto.SEPARATOR)
    assert (fresh.phone, fresh.id_number) == (phone, id_number)
    assert fresh.phone_hash == crypto.pii_hash(phone, context="phone")  # HMAC-SM3 now
    assert Member.objects.search_identity(id_number).filter(pk=member.pk).exists()


def test_the_rotation_reaches_every_module_that_protects_personal_data():
    from unionhub.core.management.commands.rotate_pii_key import protected_models

    covered = {
        f"{m._meta.app_label}.{m.__name__}": [f.enc for f in fields]
        for m, fields in protected_models()
    }
    assert covered["members.Member"] == ["id_number_enc", "phone_enc"]
    assert "members.JoinApplication" in covered
    assert covered["activities.SignIn"] == ["phone_enc"]  # a module added later
    assert "socialwork.SocialWorker" in covered
    assert any(label.startswith("governance.") for label in covered)


def test_a_sign_in_phone_is_rotated_too(settings, demo):
    from unionhub.activities.models import SignIn
    from unionhub.activities.tests.samples import SAMPLES

    signin = SAMPLES[SignIn]("sheyang")
    phone = SignIn.objects.get(pk=signin.pk).phone
    settings.PII_CIPHER = crypto.SM4_GCM
    crypto.clear_key_cache()
    call_command("rotate_pii_key", stdout=io.StringIO())
    fresh = SignIn.objects.get(pk=signin.pk)
    assert fresh.phone_enc.startswith(crypto.current_key().key_id + crypto.SEPARATOR)
    assert fresh.phone == phone
    assert fresh.phone_hash == crypto.pii_hash(phone, context="phone")
