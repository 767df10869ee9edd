"""SMS never carry a citizen ID number or a mobile number (domain.md §11): the cleaner strips
what the platform's validators recognise, and sending refuses whatever is left."""

from __future__ import annotations

import pytest

from unionhub.core.notifications.sms import (
    SmsContentError,
    sms_pii_found,
    sms_send,
    sms_text_clean,
)
from unionhub.core.validators.idcard import id_check_char, looks_like_id_number, looks_like_phone


def valid_id(first17: str) -> str:
    return first17 + id_check_char(first17)


ID = valid_id("32092319900101123")
ID_X = next(
    valid_id(f"3209231985061{n:03d}1")
    for n in range(1000)
    if id_check_char(f"3209231985061{n:03d}1") == "X"
)


@pytest.mark.parametrize(
    "text",
    [
        f"申请人 {ID} 待审核",
        f"申请人{ID}待审核",
        f"身份证{ID_X.lower()}",
        f"号码 {ID[:6]} {ID[6:14]} {ID[14:]}",
        "联系 13812345678 处理",
        "联系138-1234-5678处理",
        "联系 +86 138 1234 5678",
        "联系8613812345678",
        "编号 123456789012",  # any run of 11+ digits
    ],
)
def test_personal_numbers_are_stripped(text):
    assert sms_pii_found(text)
    clean = sms_text_clean(text)
    assert not sms_pii_found(clean)
    assert "***" in clean
    for token in clean.replace("***", " ").split():
        assert not looks_like_id_number(token) and not looks_like_phone(token)


@pytest.mark.parametrize(
    "text",
    [
        "您有一项待办（积分申报待审核），截止2026-06-20 23:59。请登录 UnionHub 处理。",
        "工单 12 号已升级",
        "电话 0515-88888888",  # a landline is not a mobile (and has fewer than 11 digits in a run)
    ],
)
def test_ordinary_text_is_kept(text):
    assert not sms_pii_found(text)
    assert sms_text_clean(text) == " ".join(text.split())


def test_the_validators_agree_with_the_samples():
    assert looks_like_id_number(ID) and looks_like_id_number(ID_X)
    assert looks_like_phone("13812345678")


@pytest.mark.django_db
def test_sending_cleans_the_text_and_adds_the_signature(settings):
    from unionhub.core.notifications.models import SmsMessage

    settings.SMS_SIGNATURE = "盐城工会"
    sms_send(phone="13912345678", text=f"待办：{ID} 13812345678")
    sent = SmsMessage.objects.get()
    assert sent.text.startswith("【盐城工会】")
    assert ID not in sent.text and "13812345678" not in sent.text
    assert sent.phone_masked == "139****5678"


@pytest.mark.django_db
def test_the_backend_refuses_a_text_with_numbers_even_when_called_directly():
    from unionhub.core.notifications.models import SmsMessage
    from unionhub.core.notifications.sms import RecordingSmsBackend

    with pytest.raises(SmsContentError):
        RecordingSmsBackend().send(phone="13912345678", text=f"身份证 {ID}")
    assert not SmsMessage.objects.exists()
