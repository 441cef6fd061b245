from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.IntegerChoices):
    PROVINSI = 1, _("Province")
    KABUPATEN = 2, _("Regency")
    KECAMATAN = 3, _("District")
    DESA = 4, _("Village")


class Region(models.Model):
    """One official Kemendagri region; the code is the key every other table refers to."""

    code = models.CharField(max_length=13, primary_key=True)
    name = models.CharField(max_length=120)
    level = models.PositiveSmallIntegerField(choices=Level.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    class Meta:
        ordering = ["code"]
        indexes = [models.Index(fields=["level", "code"])]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return f"{self.code} {self.display_name}"

    @property
    def display_name(self) -> str:
        """Kemendagri writes `KAB. BOALEMO` and `GORONTALO`; people write `Kabupaten Boalemo`."""
        name = self.name
        if name.startswith("KAB. "):
            name = "Kabupaten " + name[5:].title()
        elif name.isupper():
            name = name.title()
        return name
