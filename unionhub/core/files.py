"""Uploaded files are never served from a public media URL (MEDIA_URL is not routed): a photo,
a piece of evidence or a rules document is read through a view that first finds its record
in ``Model.objects.visible_to(user)``. This module is the one answer such a view gives.

Images and PDFs open in the browser; any other type (an Office document, an old upload) is a
download, with ``nosniff`` so a browser never guesses it into something runnable."""

from __future__ import annotations

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404

__all__ = ["INLINE_CONTENT_TYPES", "file_extension", "protected_file_response"]

INLINE_CONTENT_TYPES = {
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
    "pdf": "application/pdf",
}


def file_extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in (name or "") else ""


def protected_file_response(file: FieldFile, *, stem: str) -> FileResponse:
    """The stored ``file`` (its record already checked visible to the caller) under the name
    ``stem`` plus its extension; 404 when the record has no file or the file has gone."""
    if not file or not file.storage.exists(file.name):
        raise Http404
    ext = file_extension(file.name)
    content_type = INLINE_CONTENT_TYPES.get(ext)
    response = FileResponse(
        file.open("rb"),
        content_type=content_type or "application/octet-stream",
        as_attachment=content_type is None,
        filename=f"{stem}.{ext}" if ext else stem,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
