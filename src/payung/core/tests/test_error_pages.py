"""The error pages speak Indonesian and say what to do, whatever the browser's language."""

from __future__ import annotations

import pytest
from django.test import Client


@pytest.mark.django_db
def test_a_missing_page_says_so_in_indonesian() -> None:
    response = Client(HTTP_ACCEPT_LANGUAGE="en-US").get("/tidak-ada/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Halaman tidak ditemukan" in page and "Not Found" not in page


@pytest.mark.django_db
@pytest.mark.urls("payung.core.tests.error_urls")
def test_a_fault_gives_the_indonesian_500_page() -> None:
    client = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE="en-US")
    response = client.get("/rusak/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Terjadi kesalahan" in page
    assert "Server Error" not in page
