"""One upload check for every file field (issue #19): extension allow-list, size limit from
settings, and content sniffing — a web page, SVG or script renamed as an image is refused."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from PIL import Image

from unionhub.core.validators.uploads import (
    IMAGE_EXTENSIONS,
    OFFICE_EXTENSIONS,
    PDF_EXTENSIONS,
    UploadValidator,
)


def test_every_file_field_carries_the_upload_check():
    missing = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        if model.__module__.startswith("unionhub.")
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField)
        and not any(isinstance(v, UploadValidator) for v in field.validators)
    ]
    assert not missing, missing


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 30, 50)).save(buffer, "PNG")
    return buffer.getvalue()


def _jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 30, 50)).save(buffer, "JPEG")
    return buffer.getvalue()


def _package(part: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(f"{part}document.xml", "<x/>")
    return buffer.getvalue()


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
HTML = b"<!doctype html><html><script>alert(document.cookie)</script></html>"
SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>x()</script></svg>'
ANY = IMAGE_EXTENSIONS + PDF_EXTENSIONS + OFFICE_EXTENSIONS


@pytest.mark.parametrize(
    ("name", "content", "decode", "code"),
    [
        ("photo.png", _png(), True, None),
        ("photo.jpg", _jpeg(), True, None),
        ("photo.jpg", _png(), True, None),  # a PNG named .jpg is still a photo
        ("scan.pdf", PDF, False, None),
        ("plan.docx", _package("word/"), False, None),
        ("sheet.xlsx", _package("xl/"), False, None),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 32, False, None),
        ("page.html", HTML, False, "upload_type"),
        ("logo.svg", SVG, False, "upload_type"),
        ("run.exe", b"MZ\x90\x00", False, "upload_type"),
        ("script.js", b"alert(1)", False, "upload_type"),
        ("noextension", _png(), False, "upload_type"),
        ("photo.jpg", HTML, False, "upload_content"),  # a web page renamed as a photo
        ("photo.png", SVG, True, "upload_content"),
        ("photo.png", b"\x89PNG\r\n\x1a\n<html><script>x()</script>", False, "upload_content"),
        ("photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, True, "upload_content"),  # no image
        ("scan.pdf", _png(), False, "upload_content"),
        ("plan.docx", b"PK\x03\x04" + b"\x00" * 40, False, "upload_content"),
        ("plan.docx", _package("xl/"), False, "upload_content"),  # a workbook is not a document
        ("old.xls", HTML, False, "upload_content"),
    ],
)
def test_upload_check(name, content, decode, code):
    validator = UploadValidator(extensions=ANY, decode_images=decode)
    upload = ContentFile(content, name=name)
    if code is None:
        validator(upload)
        return
    with pytest.raises(ValidationError) as caught:
        validator(upload)
    assert caught.value.code == code
    message = caught.value.messages[0]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message), message


def test_the_size_limit_comes_from_settings(settings):
    settings.UPLOAD_MAX_BYTES = 1024
    validator = UploadValidator(extensions=("pdf",))
    validator(ContentFile(PDF + b"\x00" * (1024 - len(PDF)), name="a.pdf"))
    with pytest.raises(ValidationError) as caught:
        validator(ContentFile(PDF + b"\x00" * 1024, name="a.pdf"))
    assert caught.value.code == "upload_size"


@pytest.mark.django_db
def test_a_station_photo_that_is_a_web_page_is_refused(demo):
    from unionhub.stations.tests.samples import station_in

    station = station_in("xiangshui")
    station.photo = ContentFile(HTML, name="station.jpg")
    with pytest.raises(ValidationError) as caught:
        station.full_clean()
    assert "photo" in caught.value.error_dict
