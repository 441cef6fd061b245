from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from payung.accounts.models import AuditEvent, Opd, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin[User]):
    list_display = ["username", "first_name", "last_name", "role", "opd", "is_active"]
    list_filter = ["role", "opd", "is_active"]
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        ("Payung", {"fields": ("role", "opd")}),
    )
    add_fieldsets = (
        *(DjangoUserAdmin.add_fieldsets or ()),
        ("Payung", {"fields": ("role", "opd")}),
    )


@admin.register(Opd)
class OpdAdmin(admin.ModelAdmin[Opd]):
    list_display = ["short_name", "name", "code"]
    search_fields = ["short_name", "name"]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin[AuditEvent]):
    list_display = ["at", "username", "action", "target", "ip_address"]
    list_filter = ["action"]
    search_fields = ["username", "target"]
    date_hierarchy = "at"

    # The trail is evidence: nobody edits or deletes it through the admin.
    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
