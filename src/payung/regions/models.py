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


class Boundary(models.Model):
    """A kecamatan's or desa's outline from the boundary file an Administrator uploaded, drawn
    once at the upload: an SVG path in the regency's own frame (1000 units wide), and its
    box, so a map of any part of the regency is the paths inside that part's box."""

    region = models.OneToOneField(
        Region, primary_key=True, on_delete=models.CASCADE, related_name="boundary"
    )
    path = models.TextField()
    min_x = models.FloatField()
    min_y = models.FloatField()
    max_x = models.FloatField()
    max_y = models.FloatField()

    def __str__(self) -> str:
        return f"{self.region_id} boundary"


class BoundaryFile(models.Model):
    """Which boundary file the outlines came from: the map says so under it."""

    file_name = models.CharField(max_length=255)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.CharField(max_length=150)
    kecamatan = models.PositiveIntegerField()
    desa = models.PositiveIntegerField()
    missing = models.JSONField(default=list)  # the regency's desa the file has no outline for

    class Meta:
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return self.file_name
