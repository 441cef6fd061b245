"""Administrators edit the rules here. A row that has come into force is read-only (it may
have been billed): a change is a new row with a later start date (see models.py)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from payung.contributions.models import Benefit, Bracket, RateRule, Relief, Sourced, WageCap


class VersionedAdmin(admin.ModelAdmin[Any]):
    save_as = True  # "Save as new": start from an old version, change the date and figures

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if isinstance(obj, Sourced) and obj.in_force_since():
            return [*obj.FIGURE_FIELDS, "effective_from"]
        return super().get_readonly_fields(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if isinstance(obj, Sourced) and obj.in_force_since():
            return False
        return super().has_delete_permission(request, obj)


@admin.register(RateRule)
class RateRuleAdmin(VersionedAdmin):
    list_display = [
        "segment",
        "programme",
        "risk_group",
        "payer",
        "rate_percent",
        "flat_amount",
        "capped",
        "effective_from",
        "regulation",
        "article",
        "verified",
    ]
    list_filter = ["segment", "programme", "payer", "verified"]


@admin.register(Bracket)
class BracketAdmin(VersionedAdmin):
    list_display = [
        "segment",
        "programme",
        "lower",
        "upper",
        "fixed_amount",
        "rate_percent",
        "rate_over",
        "effective_from",
        "regulation",
        "verified",
    ]
    list_filter = ["segment", "programme", "verified"]


@admin.register(WageCap)
class WageCapAdmin(VersionedAdmin):
    list_display = ["programme", "amount", "effective_from", "regulation", "article", "verified"]
    list_filter = ["programme", "verified"]


@admin.register(Benefit)
class BenefitAdmin(VersionedAdmin):
    list_display = [
        "name",
        "programme",
        "amount",
        "wage_multiple",
        "per",
        "effective_from",
        "regulation",
        "verified",
    ]
    list_filter = ["programme", "verified"]


@admin.register(Relief)
class ReliefAdmin(VersionedAdmin):
    list_display = [
        "segment",
        "programmes",
        "sector",
        "percent",
        "effective_from",
        "until",
        "public_funds_excluded",
        "regulation",
        "verified",
    ]
    list_filter = ["segment", "sector", "verified"]
