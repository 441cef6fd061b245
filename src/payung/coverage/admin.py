from __future__ import annotations

from django.contrib import admin

from payung.coverage.models import CoverageSettings, Target, WorkingPopulation


@admin.register(CoverageSettings)
class CoverageSettingsAdmin(admin.ModelAdmin[CoverageSettings]):
    list_display = ["bpu_grace_months", "updated_at"]


@admin.register(WorkingPopulation)
class WorkingPopulationAdmin(admin.ModelAdmin[WorkingPopulation]):
    list_display = ["year", "region", "workers", "source", "updated_at"]
    list_filter = ["year"]


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin[Target]):
    list_display = ["year", "region", "rate", "source", "updated_at"]
    list_filter = ["year"]
