"""Payung's URLs and one that fails, to see the 500 page as a user would."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from payung.urls import urlpatterns as payung_urls


def broken(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a fault inside a page")


urlpatterns = [path("rusak/", broken), *payung_urls]
