"""Refund policy periods are nation-wide configuration (⚠ time-bound): administrators add
each extension as a row in the administration site."""

from django.contrib import admin

from unionhub.funds.models import RefundPolicyPeriod


@admin.register(RefundPolicyPeriod)
class RefundPolicyPeriodAdmin(admin.ModelAdmin):
    list_display = ("name", "valid_from", "valid_to", "legal_basis")
