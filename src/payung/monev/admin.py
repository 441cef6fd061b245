"""The catalogue is edited by an Administrator here; every change keeps its history row with
who made it, which the history page of each record shows (django-simple-history)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from payung.monev.models import Action, Indicator, Instruction, Period, Target


@admin.register(Instruction)
class InstructionAdmin(SimpleHistoryAdmin):  # type: ignore[misc]
    list_display = ["code", "text", "wording", "weight"]


@admin.register(Action)
class ActionAdmin(SimpleHistoryAdmin):  # type: ignore[misc]
    list_display = ["code", "title", "status", "due", "weight"]
    list_filter = ["status", "owners"]
    filter_horizontal = ["owners"]


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):  # type: ignore[misc]
    list_display = ["code", "name", "kind", "direction", "source", "weight"]
    list_filter = ["kind", "direction"]


@admin.register(Period)
class PeriodAdmin(SimpleHistoryAdmin):  # type: ignore[misc]
    list_display = ["__str__", "opens", "deadline", "closes", "locked"]


@admin.register(Target)
class TargetAdmin(SimpleHistoryAdmin):  # type: ignore[misc]
    list_display = ["indicator", "opd", "period", "value"]
    list_filter = ["period", "opd"]
