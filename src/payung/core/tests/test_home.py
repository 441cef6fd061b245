from typing import Any

from django.test import Client

from payung.accounts.roles import Role


def test_home_shows_the_regency_and_its_region_tree(make_user: Any) -> None:
    user = make_user(Role.ANALIS)
    client = Client()
    client.force_login(user)
    html = client.get("/").content.decode()
    assert "Kabupaten Boalemo" in html
    assert "75.02.01.2004" in html  # a desa of Paguyaman
    assert "Paguyaman Pantai" in html


def test_the_ui_speaks_indonesian_by_default_and_english_on_request(db: None) -> None:
    client = Client()
    assert "Masuk" in client.get("/masuk/").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/masuk/"})
    assert "Log in" in client.get("/masuk/").content.decode()


def test_an_english_browser_still_gets_indonesian_until_the_user_switches(db: None) -> None:
    client = Client(headers={"accept-language": "en-US,en;q=0.9"})
    assert "Masuk" in client.get("/masuk/").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/masuk/"})
    assert "Log in" in client.get("/masuk/").content.decode()


def test_stylesheet_is_served_by_the_app_itself(db: None) -> None:
    client = Client()
    html = client.get("/masuk/").content.decode()
    assert "http://" not in html.replace("http://www.w3.org", "")
    assert "https://" not in html
    response = client.get("/static/payung/payung.css")
    assert response.status_code == 200
