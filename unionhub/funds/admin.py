"""Refund policy periods are nation-wide configuration (⚠ time-bound): administrators add
each extension as a row in the administration site."""

from django.contrib import admin

from unionhub.funds.models import SPLIT_FIELDS, FundSplitRule, RefundPolicyPeriod


@admin.register(RefundPolicyPeriod)
class RefundPolicyPeriodAdmin(admin.ModelAdmin):
    list_display = ("name", "valid_from", "valid_to", "legal_basis")


@admin.register(FundSplitRule)
class FundSplitRuleAdmin(admin.ModelAdmin):
    """Saved through the services: periods never overlap, a used rule keeps its percent."""

    list_display = ("province_code", "grassroots_percent", "valid_from", "valid_to", "legal_basis")

    def save_model(self, request, obj, form, change):
        from unionhub.funds import services

        data = {name: form.cleaned_data.get(name) for name in SPLIT_FIELDS}
        if change:
            services.splitrule_update(
                actor=request.user, fundsplitrule=FundSplitRule.objects.get(pk=obj.pk), **data
            )
        else:
            services.splitrule_create(actor=request.user, **data)

    def has_delete_permission(self, request, obj=None):
        return False
