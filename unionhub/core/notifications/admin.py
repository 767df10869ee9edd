"""The development SMS records are shown in the admin site (read only), so the lead can see
what would have been sent."""

from django.contrib import admin

from unionhub.core.notifications.models import SmsMessage


@admin.register(SmsMessage)
class SmsMessageAdmin(admin.ModelAdmin):
    list_display = ("created_at", "phone_masked", "text")
    readonly_fields = ("created_at", "phone_masked", "text")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
