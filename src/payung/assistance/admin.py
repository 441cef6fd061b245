from django.contrib import admin

from payung.assistance.models import FundingRule
from payung.contributions.admin import VersionedAdmin


@admin.register(FundingRule)
class FundingRuleAdmin(VersionedAdmin):
    """A funding source's rules, each with its regulation; one in force is read-only."""

    list_display = ["source", "effective_from", "allowed", "regulation", "verified"]
    list_filter = ["source", "allowed", "verified"]
