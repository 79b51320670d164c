"""Uploads through the admin: allowed types and sizes only, safe names, safe serving."""

import io
from pathlib import Path

import pytest
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image

pytestmark = pytest.mark.django_db

BOUNDARY = "atlas-upload-boundary"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body>"
SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(document.cookie)</script><rect width='10' height='10'/></svg>"
)


def png(size=(8, 8)):
    image = io.BytesIO()
    PILImage.new("RGB", size, "green").save(image, "PNG")
    return image.getvalue()


def upload(client, url_name, filename, content, title="Fichier"):
    """POST a file as a browser does, with its name exactly as given.

    The test client would keep only the base of the name; a hostile client sends
    what it likes, path separators and control characters included.
    """
    body = b"".join(
        [
            f"--{BOUNDARY}\r\n".encode(),
            b'Content-Disposition: form-data; name="title"\r\n\r\n',
            title.encode(),
            b"\r\n",
            f"--{BOUNDARY}\r\n".encode(),
            b'Content-Disposition: form-data; name="file"; filename="',
            filename.encode(),
            b'"\r\nContent-Type: application/octet-stream\r\n\r\n',
            content,
            b"\r\n",
            f"--{BOUNDARY}--\r\n".encode(),
        ]
    )
    return client.post(
        reverse(url_name),
        body,
        content_type=f"multipart/form-data; boundary={BOUNDARY}",
        HTTP_ACCEPT_LANGUAGE="en",
    )


def stored_files(media_root):
    return [path for path in Path(media_root).rglob("*") if path.is_file()]


def assert_refused(response, message, model, media_root):
    assert response.status_code == 200  # the form again
    errors = response.context["form"].errors["file"]
    assert any(message in error for error in errors), errors
    assert not model.objects.exists()
    assert stored_files(media_root) == []


def test_an_editor_uploads_an_image(clients, media_root):
    response = upload(clients["editor"], "wagtailimages:add", "forêt.png", png())

    assert response.status_code == 302
    image = Image.objects.get()
    assert image.file.name == "original_images/foret.png"
    assert (media_root / image.file.name).is_file()


@pytest.mark.parametrize(
    ("filename", "content", "message"),
    [
        # SVG can carry script: not among the allowed formats.
        ("dessin.svg", SVG, "Not a supported image format"),
        ("page.html", HTML, "Upload a valid image"),
        # An HTML file named like an image is not an image.
        ("photo.png", HTML, "Upload a valid image"),
        # A real PNG under another format's name is found out too.
        ("photo.jpg", png(), "Not a valid .jpeg image"),
    ],
)
def test_images_of_other_types_are_refused(
    clients, media_root, filename, content, message
):
    response = upload(clients["editor"], "wagtailimages:add", filename, content)

    assert_refused(response, message, Image, media_root)


def test_images_too_heavy_or_too_large_are_refused(clients, media_root, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1000
    too_heavy = upload(
        clients["editor"], "wagtailimages:add", "bruit.png", png() + b"\0" * 1000
    )
    assert_refused(too_heavy, "This file is too big", Image, media_root)

    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 100
    too_large = upload(
        clients["editor"], "wagtailimages:add", "grand.png", png((20, 20))
    )
    assert_refused(too_large, "too many pixels", Image, media_root)


def test_the_upload_limits_are_set():
    from django.conf import settings

    assert "svg" not in settings.WAGTAILIMAGES_EXTENSIONS
    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE == 10 * 1024 * 1024
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 50_000_000
    assert settings.WAGTAILDOCS_MAX_UPLOAD_SIZE == 20 * 1024 * 1024


def test_an_editor_uploads_a_document(clients, media_root):
    response = upload(clients["editor"], "wagtaildocs:add", "rapport.pdf", PDF)

    assert response.status_code == 302
    document = Document.objects.get()
    assert document.file.name == "documents/rapport.pdf"
    assert (media_root / "documents" / "rapport.pdf").read_bytes() == PDF


@pytest.mark.parametrize(
    "filename",
    ["page.html", "page.htm", "dessin.svg", "script.js", "setup.exe", "x.pdf.html"],
)
def test_documents_of_other_types_are_refused(clients, media_root, filename):
    response = upload(clients["editor"], "wagtaildocs:add", filename, HTML)

    extension = filename.rsplit(".", 1)[1]
    assert_refused(
        response, f"File extension “{extension}” is not allowed", Document, media_root
    )


def test_documents_too_big_are_refused(clients, media_root, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1000

    response = upload(clients["editor"], "wagtaildocs:add", "gros.pdf", PDF * 100)

    assert_refused(response, "This file is too big", Document, media_root)


@pytest.mark.parametrize(
    ("sent", "stored"),
    [
        ("../../evil.pdf", "evil.pdf"),
        ("..\\..\\evil.pdf", "evil.pdf"),
        ("/etc/cron.d/evil.pdf", "evil.pdf"),
        ("rapport annuel été.pdf", "rapport_annuel_été.pdf"),
        ("nul\x00.html.pdf", "nul.html.pdf"),
        ("<script>.pdf", "script.pdf"),
    ],
)
def test_document_names_are_made_safe(clients, media_root, sent, stored):
    response = upload(clients["editor"], "wagtaildocs:add", sent, PDF)

    assert response.status_code == 302
    document = Document.objects.get()
    assert document.file.name == f"documents/{stored}"
    [path] = stored_files(media_root)
    assert path == media_root / "documents" / stored


def test_pdfs_open_in_the_browser_without_running_anything(client, clients):
    upload(clients["editor"], "wagtaildocs:add", "rapport.pdf", PDF)

    response = client.get(Document.objects.get().url)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_other_documents_are_downloaded(client, clients):
    # Markup in a text file must not be rendered as a page of the site.
    upload(clients["editor"], "wagtaildocs:add", "notes.txt", HTML)

    response = client.get(Document.objects.get().url)

    assert response["Content-Type"].startswith("text/plain")
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
