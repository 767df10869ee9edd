"""The one upload check (issue #19): every ``FileField`` of every module carries an
``UploadValidator`` (a test walks the models). It checks, in this order:

1. the extension against the field's allow-list (``.exe``, ``.html``, ``.svg`` are never on one);
2. the size against ``settings.UPLOAD_MAX_BYTES`` (10 MB unless configured) or the field's own;
3. the content: the first bytes must be those of the type the name claims (JPEG, PNG, WEBP,
   PDF, DOCX/XLSX zip packages, DOC/XLS compound files), and no HTML, script or SVG
   markup may hide in an image's first kilobyte — a web page renamed ``photo.jpg`` is
   refused. With ``decode_images`` the image must also decode (Pillow).

Modules that had their own messages and codes subclass it (points evidence, activity
photos) and keep them."""

from __future__ import annotations

import io
import zipfile
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

__all__ = ["DEFAULT_MAX_BYTES", "UploadValidator", "extension_of", "sniff"]

DEFAULT_MAX_BYTES = 10 * 1024 * 1024

IMAGE_EXTENSIONS = ("jpg", "jpeg", "png", "webp")
PDF_EXTENSIONS = ("pdf",)
OFFICE_EXTENSIONS = ("docx", "xlsx", "doc", "xls")

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MAGIC = {
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "pdf": (b"%PDF-",),
    "doc": (_OLE,),
    "xls": (_OLE,),
}
_PACKAGE_PART = {"docx": "word/", "xlsx": "xl/"}
#: markup that turns a file into a web page when a browser guesses its type
_MARKUP = (b"<html", b"<script", b"<svg", b"<!doctype", b"<iframe", b"<body", b"<?xml")


def extension_of(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in (name or "") else ""


def _head(value: Any, size: int = 1024) -> bytes:
    handle = getattr(value, "file", value)
    try:
        position = handle.tell()
        handle.seek(0)
        head = handle.read(size)
        handle.seek(position)
    except (AttributeError, OSError, ValueError):
        return b""
    return head or b""


def _package_has(value: Any, part: str) -> bool:
    handle = getattr(value, "file", value)
    try:
        position = handle.tell()
        handle.seek(0)
        data = handle.read()
        handle.seek(position)
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
    except (AttributeError, OSError, ValueError, zipfile.BadZipFile):
        return False
    return "[Content_Types].xml" in names and any(n.startswith(part) for n in names)


def sniff(head: bytes, ext: str, value: Any = None) -> bool:
    """Whether content starting with ``head`` is really a file of type ``ext``."""
    if ext == "webp":
        ok = head[:4] == b"RIFF" and head[8:12] == b"WEBP"
    elif ext in _PACKAGE_PART:
        ok = head.startswith(b"PK\x03\x04") and (
            value is None or _package_has(value, _PACKAGE_PART[ext])
        )
    else:
        ok = any(head.startswith(magic) for magic in _MAGIC.get(ext, ()))
    if ok and ext in IMAGE_EXTENSIONS:
        lowered = head.lower()
        ok = not any(marker in lowered for marker in _MARKUP)
    return ok


@deconstructible
class UploadValidator:
    """``UploadValidator(extensions=("jpg", "png", "pdf"))`` on a model ``FileField``."""

    codes = {"type": "upload_type", "size": "upload_size", "content": "upload_content"}
    messages = {
        "type": _("Files of type “%(ext)s” are not accepted here; allowed: %(allowed)s."),
        "size": _("The file is larger than %(mb)s MB."),
        "content": _("The file's content is not a real %(type)s file."),
    }

    def __init__(
        self,
        extensions: tuple[str, ...] | list[str] = IMAGE_EXTENSIONS + PDF_EXTENSIONS,
        max_bytes: int | None = None,
        decode_images: bool = False,
    ):
        self.extensions = tuple(e.lower() for e in extensions)
        self.max_bytes = max_bytes
        self.decode_images = decode_images

    def limit(self) -> int:
        return self.max_bytes or getattr(settings, "UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES)

    def fail(self, key: str, **params: Any) -> ValidationError:
        return ValidationError(self.messages[key] % params, code=self.codes[key])

    def __call__(self, value: Any) -> None:
        ext = extension_of(getattr(value, "name", "") or "")
        if ext not in self.extensions:
            raise self.fail("type", ext=ext or "—", allowed="、".join(self.extensions))
        size = getattr(value, "size", 0) or 0
        if size > self.limit():
            raise self.fail("size", mb=f"{self.limit() / 1024 / 1024:g}")
        head = _head(value)
        if self.decode_images and ext in IMAGE_EXTENSIONS:
            # a photo whose name says .jpg but which is a PNG is still a photo
            if not any(sniff(head, e) for e in IMAGE_EXTENSIONS):
                raise self.fail("content", type=ext.upper())
            self._decode(value, ext)
        elif not sniff(head, ext, value):
            raise self.fail("content", type=ext.upper())

    def _decode(self, value: Any, ext: str) -> None:
        from PIL import Image, UnidentifiedImageError

        formats = {"jpg": "JPEG", "jpeg": "JPEG", "png": "PNG", "webp": "WEBP"}
        handle = getattr(value, "file", value)
        try:
            handle.seek(0)
            with Image.open(handle) as image:
                image_format = image.format
                image.verify()
        except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
            raise self.fail("content", type=ext.upper()) from None
        finally:
            handle.seek(0)
        if image_format not in formats.values():
            raise self.fail("content", type=ext.upper())

    def __eq__(self, other: object) -> bool:
        return (
            type(self) is type(other)
            and self.extensions == other.extensions
            and self.max_bytes == other.max_bytes
            and self.decode_images == other.decode_images
        )
