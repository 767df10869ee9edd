"""Per-procedure time limits are jurisdiction-wide configuration (domain.md §3.6: the
Jiangsu regulation's own limits are not verified): administrators enter or correct each
limit as a row in the administration site; cases pick them up through ``limits``."""

from django.contrib import admin

from unionhub.bargaining.models import BargainingProcedureRule


@admin.register(BargainingProcedureRule)
class BargainingProcedureRuleAdmin(admin.ModelAdmin):
    list_display = ("procedure", "step", "days", "day_type", "valid_from", "valid_to", "verified")
    list_filter = ("procedure", "step", "verified")
