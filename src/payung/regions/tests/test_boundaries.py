"""The boundary file behind the coverage map, from the outside: an Administrator uploads a
GeoJSON, the dashboard draws the desa and drills down; a file naming a code that is no region
of the regency is refused with that code named, and the map before it stays."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from payung.accounts.models import AuditEvent
from payung.accounts.roles import Role
from payung.regions.models import Boundary, Level, Region

pytestmark = pytest.mark.usefixtures("regions")

KEC = "75.02.01"  # Paguyaman
POINT = {"properties": {"kode_desa": "75.02.01.2004"}, "geometry": {"type": "Point"}}


def square(code: str, i: int, key: str = "kode_desa") -> dict[str, Any]:
    lon, lat = 122.30 + (i % 6) * 0.02, 0.70 - (i // 6) * 0.02
    ring = [[lon, lat], [lon + 0.02, lat], [lon + 0.02, lat - 0.02], [lon, lat - 0.02], [lon, lat]]
    return {
        "type": "Feature",
        "properties": {key: code, "nama": code},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }


def geojson(features: list[dict[str, Any]], name: str = "batas-desa.geojson") -> Any:
    body = json.dumps({"type": "FeatureCollection", "features": features}).encode()
    return SimpleUploadedFile(name, body, content_type="application/geo+json")


def desa_of(kecamatan: str) -> list[str]:
    return list(
        Region.objects.filter(parent_id=kecamatan, level=Level.DESA).values_list("code", flat=True)
    )


def client_for(make_user: Any, role: Role) -> Client:
    client = Client()
    client.force_login(make_user(role))
    return client


def test_the_map_draws_the_desa_and_a_desa_drills_down(make_user: Any) -> None:
    desa = desa_of(KEC)
    # BPS writes the code without dots (iddesa); the first desa comes in two parts (an island)
    features = [square(code.replace(".", ""), i, "iddesa") for i, code in enumerate(desa)]
    features.append(square(desa[0], 40))
    admin = client_for(make_user, Role.ADMINISTRATOR)
    answer = admin.post("/cakupan/peta/", {"file": geojson(features)})
    assert answer.status_code == 302
    assert Boundary.objects.count() == len(desa)
    assert Boundary.objects.get(region_id=desa[0]).path.count("M") == 2
    assert AuditEvent.objects.filter(action="regions.boundaries").exists()

    reader = client_for(make_user, Role.PIMPINAN)
    page = reader.get(f"/cakupan/?region={KEC}").content.decode()
    assert 'data-testid="map"' in page
    for code in desa:
        assert f'<a href="?region={code}&amp;month=' in page  # each outline leads to its desa
    # the regency's map: Paguyaman's desa drawn, each leading to the kecamatan; the other
    # kecamatan, without outlines, stay tiles
    regency = reader.get("/cakupan/").content.decode()
    assert regency.count(f'data-code="{KEC}"><path') == len(desa)
    assert 'data-testid="tile" data-code="75.02.04"' in regency
    status = reader.get("/cakupan/peta/").content.decode()
    assert "batas-desa.geojson" in status and "Muat batas wilayah" not in status  # reads only


def test_a_file_with_a_wrong_desa_code_is_refused_with_the_code_named(make_user: Any) -> None:
    admin = client_for(make_user, Role.ADMINISTRATOR)
    desa = desa_of(KEC)
    admin.post("/cakupan/peta/", {"file": geojson([square(desa[0], 0)])})
    wrong = [square(desa[1], 1), square("75.02.01.9999", 2), square("7503012001", 3)]
    page = admin.post("/cakupan/peta/", {"file": geojson(wrong)}).content.decode()
    assert "75.02.01.9999" in page and "75.03.01.2001" in page
    assert "tidak ada" in page  # Indonesian: no kecamatan or desa of the regency
    assert list(Boundary.objects.values_list("region_id", flat=True)) == [desa[0]]  # unchanged


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (b"bukan json", "bukan GeoJSON"),
        (b'{"type": "Feature"}', "FeatureCollection"),
        (json.dumps({"type": "FeatureCollection", "features": [{"properties": {}}]}).encode(),
         "kode"),
        (json.dumps({"type": "FeatureCollection", "features": [POINT]}).encode(), "75.02.01.2004"),
        (b"[" * 100_000 + b"]" * 100_000, "bukan GeoJSON"),
    ],
)  # fmt: skip
def test_a_broken_or_hostile_file_gets_a_clear_message(
    make_user: Any, body: bytes, words: str
) -> None:
    admin = client_for(make_user, Role.ADMINISTRATOR)
    upload = SimpleUploadedFile("x.geojson", body)
    page = admin.post("/cakupan/peta/", {"file": upload}).content.decode()
    assert words in page
    assert not Boundary.objects.exists()


def test_only_an_administrator_loads_boundaries(make_user: Any) -> None:
    for role in (Role.ANALIS, Role.PIMPINAN):
        client = client_for(make_user, role)
        answer = client.post("/cakupan/peta/", {"file": geojson([square(desa_of(KEC)[0], 0)])})
        assert answer.status_code == 403
    assert not Boundary.objects.exists()
