import pytest
from django.core.management import call_command

from payung.regions.models import Level, Region


def _snapshot() -> list[tuple[str, str, int, str | None]]:
    return list(Region.objects.order_by("code").values_list("code", "name", "level", "parent_id"))


@pytest.mark.django_db
def test_init_loads_boalemo_with_7_kecamatan_and_82_desa() -> None:
    call_command("init")

    kecamatan = Region.objects.filter(parent_id="75.02", level=Level.KECAMATAN)
    assert sorted(kecamatan.values_list("name", flat=True)) == sorted(
        ["Paguyaman", "Wonosari", "Dulupi", "Tilamuta", "Mananggu", "Botumoita", "Paguyaman Pantai"]
    )
    assert Region.objects.filter(level=Level.DESA, code__startswith="75.02.").count() == 82
    assert Region.objects.get(code="75.02.01.2004").parent_id == "75.02.01"
    assert Region.objects.get(code="75").level == Level.PROVINSI


@pytest.mark.django_db
def test_init_twice_gives_the_same_database() -> None:
    call_command("init")
    first = _snapshot()
    call_command("init")
    assert _snapshot() == first
    assert len(first) == 1 + 1 + 7 + 82


@pytest.mark.django_db
def test_regency_display_name_reads_as_people_write_it() -> None:
    call_command("init")
    assert Region.objects.get(code="75.02").display_name == "Kabupaten Boalemo"
    assert Region.objects.get(code="75").display_name == "Gorontalo"
