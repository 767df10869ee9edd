"""Evidence of a claim (证明材料): items that require it refuse a claim without a file, on
the phone page and through the API alike; files are photos or PDFs of at most 10 MB, stored
under a random name and shown to reviewers through a scoped view only."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from unionhub.core.testing.assertions import assert_invalid, error_codes
from unionhub.points import services
from unionhub.points.choices import Evidence
from unionhub.points.models import MAX_EVIDENCE_BYTES, PointItem, Submission
from unionhub.points.tests.conftest import PDF, PNG, evidence

pytestmark = pytest.mark.django_db

WEBP = b"RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00/\x00\x00\x00\x10\x07\x10\x11\x11\x88\x88\xfe\x07\x00"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"


def _item(world, evidence_kind: str) -> PointItem:
    item = world.items["safety_snapshot"]
    item.evidence = evidence_kind
    item.save()
    return item


def _claim(world, item, photo=None):
    return services.submission_create(
        actor=world.worker,
        account=world.account,
        item=item,
        description="通道堆放物料",
        photo=photo,
    )


@pytest.mark.parametrize(
    ("kind", "with_file", "refused"),
    [
        (Evidence.NONE, False, False),
        (Evidence.NONE, True, False),
        (Evidence.PHOTO, False, True),
        (Evidence.PHOTO, True, False),
        (Evidence.DOCUMENT, False, True),
        (Evidence.DOCUMENT, True, False),
        (Evidence.ATTENDANCE, False, True),
        (Evidence.ATTENDANCE, True, False),
    ],
)
def test_items_requiring_evidence_refuse_a_claim_without_a_file(world, kind, with_file, refused):
    item = _item(world, kind)
    photo = evidence() if with_file else None
    if refused:
        with pytest.raises(ValidationError) as exc:
            _claim(world, item, photo)
        assert_invalid(exc, field="photo", code="evidence_required")
        assert not Submission.objects.exists()
    else:
        sub = _claim(world, item, photo)
        assert bool(sub.photo) is with_file


@pytest.mark.parametrize(
    ("name", "content", "ok"),
    [
        ("a.png", PNG, True),
        ("a.PNG", PNG, True),
        ("a.jpg", JPEG, True),
        ("a.jpeg", JPEG, True),
        ("a.webp", WEBP, True),
        ("a.pdf", PDF, True),
        ("a.gif", b"GIF89a\x01\x00", False),  # not an accepted type
        ("a.heic", b"\x00\x00\x00\x18ftypheic", False),
        ("a.docx", b"PK\x03\x04", False),
        ("a.exe", b"MZ\x90\x00", False),
        ("a.png", b"MZ\x90\x00", False),  # renamed: content does not match the name
        ("a.pdf", PNG, False),
        ("a.jpg", b"<html><script>", False),
        ("noextension", PNG, False),
    ],
)
def test_evidence_types(world, name, content, ok):
    item = _item(world, Evidence.PHOTO)
    if ok:
        assert _claim(world, item, evidence(name, content)).photo
    else:
        with pytest.raises(ValidationError) as exc:
            _claim(world, item, evidence(name, content))
        codes = error_codes(exc.value)["photo"]
        assert set(codes) <= {"evidence_type", "evidence_content"} and codes, codes
        assert not Submission.objects.exists()


@pytest.mark.parametrize(
    ("size", "ok"),
    [(MAX_EVIDENCE_BYTES - 1, True), (MAX_EVIDENCE_BYTES, True), (MAX_EVIDENCE_BYTES + 1, False)],
)
def test_evidence_size_limit_is_10_mb(world, size, ok):
    item = _item(world, Evidence.PHOTO)
    content = PNG + b"\x00" * (size - len(PNG))
    if ok:
        assert _claim(world, item, evidence("big.png", content)).photo.size == size
    else:
        with pytest.raises(ValidationError) as exc:
            _claim(world, item, evidence("big.png", content))
        assert_invalid(exc, field="photo", code="evidence_size")
        assert not Submission.objects.exists()


def test_stored_name_is_random_and_under_media_root(world, settings):
    item = _item(world, Evidence.PHOTO)
    a = _claim(world, item, evidence("张三的身份证.png"))
    b = _claim(world, item, evidence("张三的身份证.png"))
    assert a.photo.name != b.photo.name
    for sub in (a, b):
        assert sub.photo.name.startswith("points/evidence/") and sub.photo.name.endswith(".png")
        assert "张三" not in sub.photo.name
        stem = sub.photo.name.rsplit("/", 1)[-1].split(".")[0]
        assert len(stem) == 32  # 128 random bits
        assert sub.photo.path.startswith(str(settings.MEDIA_ROOT))


def test_phone_page_refuses_without_evidence_and_keeps_the_text(world):
    c = Client()
    c.force_login(world.worker)
    response = c.post(
        reverse("points:mobile"),
        {
            "action": "submit",
            "item": world.items["safety_snapshot"].pk,
            "description": "楼梯扶手松动",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "需要提供证明材料" in body and "楼梯扶手松动" in body
    assert not Submission.objects.exists()


def test_phone_page_explains_the_evidence_field(world):
    c = Client()
    c.force_login(world.worker)
    body = c.get(reverse("points:mobile")).content.decode()
    assert "证明材料（照片或 PDF）" in body and "不超过 10 MB" in body
    assert 'accept="image/jpeg,image/png,image/webp,application/pdf"' in body


def test_api_refuses_without_evidence_in_chinese_naming_the_field(world):
    api = APIClient()
    api.force_authenticate(world.worker)
    item = world.items["safety_snapshot"]
    response = api.post(
        "/api/v1/points/submissions/", {"item": item.pk, "description": "x"}, format="json"
    )
    assert response.status_code == 400
    assert "证明材料" in response.json()["photo"][0]


def test_api_accepts_multipart_evidence_and_returns_a_scoped_url(world):
    api = APIClient()
    api.force_authenticate(world.worker)
    item = world.items["oit"]  # evidence: document
    response = api.post(
        "/api/v1/points/submissions/",
        {"item": item.pk, "description": "换型时间缩短", "photo": evidence("report.pdf")},
        format="multipart",
    )
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["evidence_required"] == "document"
    assert "photo" not in data  # write-only: the file is read back through evidence_url
    sub = Submission.objects.get(pk=data["id"])
    assert data["evidence_url"].endswith(f"/api/v1/points/submissions/{sub.pk}/evidence/")
    bad = api.post(
        "/api/v1/points/submissions/",
        {"item": item.pk, "description": "x", "photo": evidence("x.exe", b"MZ")},
        format="multipart",
    )
    assert bad.status_code == 400 and "photo" in bad.json()


def test_reviewer_sees_the_evidence_others_get_404(world, user_named):
    sub = _claim(world, world.items["safety_snapshot"], evidence())
    url = reverse("points:submission_evidence", args=[sub.pk])
    chair = Client()
    chair.force_login(world.chair)
    page = chair.get(reverse("points:submission", args=[sub.pk])).content.decode()
    assert f'src="{url}"' in page
    response = chair.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PNG
    owner = Client()
    owner.force_login(world.worker)
    assert owner.get(url).status_code == 200
    colleague = Client()
    colleague.force_login(world.other)
    assert colleague.get(url).status_code == 404
    outsider = Client()
    outsider.force_login(user_named("sheyang_admin"))
    assert outsider.get(url).status_code == 404


def test_evidence_url_works_for_token_callers_and_only_in_scope(world, user_named):
    """Probe finding 8: the API hands out ``evidence_url``; a caller with a token (a
    mini-program, a script) downloads the file with the same token, scoped."""
    from unionhub.accounts.security import token_issue

    sub = _claim(world, world.items["safety_snapshot"], evidence())

    def client_with_token(user):
        api = APIClient()
        api.credentials(HTTP_AUTHORIZATION=f"Token {token_issue(actor=user, reuse=True)}")
        return api

    owner = client_with_token(world.worker)
    data = owner.get(f"/api/v1/points/submissions/{sub.pk}/").json()
    response = owner.get(data["evidence_url"])
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PNG
    assert client_with_token(world.chair).get(data["evidence_url"]).status_code == 200
    outsider = client_with_token(user_named("sheyang_admin"))
    assert outsider.get(data["evidence_url"]).status_code == 404
    assert APIClient().get(data["evidence_url"]).status_code in (401, 403)


def test_pdf_evidence_is_linked_and_served_inline(world):
    sub = _claim(world, world.items["oit"], evidence("report.pdf"))
    c = Client()
    c.force_login(world.chair)
    page = c.get(reverse("points:submission", args=[sub.pk])).content.decode()
    assert "（PDF）" in page
    response = c.get(reverse("points:submission_evidence", args=[sub.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" not in response.get("Content-Disposition", "")


def test_submission_without_file_has_no_evidence_url(world):
    item = _item(world, Evidence.NONE)
    sub = _claim(world, item)
    c = Client()
    c.force_login(world.chair)
    assert c.get(reverse("points:submission_evidence", args=[sub.pk])).status_code == 404


def test_openapi_offers_multipart_with_a_binary_photo():
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    body = schema["paths"]["/api/v1/points/submissions/"]["post"]["requestBody"]["content"]
    assert "multipart/form-data" in body
    ref = body["multipart/form-data"]["schema"]["$ref"].rsplit("/", 1)[-1]
    photo = schema["components"]["schemas"][ref]["properties"]["photo"]
    assert photo["format"] == "binary"
