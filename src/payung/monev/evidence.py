"""Files of evidence: what a file is, read from its first bytes (a renamed executable is not a
PDF), how big it may be, and where it lives: once, named by its SHA-256, however many items
cite it."""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from payung.monev.models import EvidenceFile

MB = 1 << 20

# The formats evidence may take, by the signature their bytes start with.
SIGNATURES: list[tuple[bytes, str, str]] = [
    (b"%PDF-", "application/pdf", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
]
EXTENSIONS = {content_type: ext for _sig, content_type, ext in SIGNATURES}


class EvidenceRefused(ValueError):
    """A file that cannot be evidence, with the reason in words for the operator."""


def sniff(head: bytes) -> str | None:
    """The content type the bytes start with, or None when it is none that evidence may be."""
    for signature, content_type, _ext in SIGNATURES:
        if head.startswith(signature):
            return content_type
    return None


def limit_bytes() -> int:
    return int(settings.PAYUNG_MAX_EVIDENCE_MB) * MB


def root() -> Path:
    return Path(settings.MEDIA_ROOT) / "evidence"


def path_of(stored: EvidenceFile) -> Path:
    return root() / stored.sha256[:2] / f"{stored.sha256}.{EXTENSIONS[stored.content_type]}"


def store(chunks: Iterable[bytes], size: int | None = None) -> EvidenceFile:
    """Check and keep a file given as chunks (an upload's `.chunks()`); the same bytes sent
    twice are stored once. Refuses, with the reason, a file too big or of another kind."""
    limit = limit_bytes()
    if size is not None and size > limit:
        raise EvidenceRefused(_too_big(size, limit))
    folder = root()
    folder.mkdir(parents=True, exist_ok=True)
    digest, total, head = hashlib.sha256(), 0, b""
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".upload-")
    try:
        with os.fdopen(handle, "wb") as out:
            for chunk in chunks:
                total += len(chunk)
                if total > limit:  # the declared size may lie; the bytes do not
                    raise EvidenceRefused(_too_big(total, limit))
                if len(head) < 16:
                    head += chunk[: 16 - len(head)]
                digest.update(chunk)
                out.write(chunk)
        content_type = sniff(head)
        if content_type is None:
            raise EvidenceRefused(
                _("The file is not a PDF, JPG or PNG (read from its content, not its name).")
            )
        if total == 0:
            raise EvidenceRefused(_("The file is empty."))
        stored, _made = EvidenceFile.objects.get_or_create(
            sha256=digest.hexdigest(), defaults={"size": total, "content_type": content_type}
        )
        final = path_of(stored)
        if not final.exists():
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(temporary, final)
        return stored
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def _too_big(size: int, limit: int) -> str:
    return _("The file is %(size)s MB; evidence may be at most %(limit)s MB.") % {
        "size": f"{size / MB:.1f}".replace(".", ","),
        "limit": limit // MB,
    }
