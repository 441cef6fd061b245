from django.contrib import admin

from payung.assistance.models import FundingRule


@admin.register(FundingRule)
class FundingRuleAdmin(admin.ModelAdmin[FundingRule]):
    """A funding source's rules, each with its regulation; a change is a new dated row."""

    list_display = ("source", "effective_from", "allowed", "regulation", "verified")
    list_filter = ("source", "allowed", "verified")
