"""The star-rating rubric is city-wide configuration: the city federation keeps its versions,
items, veto items and thresholds in the administration site (counties read it on the
rubric page)."""

from django.contrib import admin

from unionhub.congress.models import RubricItem, StarRubric, StarThreshold


class RubricItemInline(admin.TabularInline):
    model = RubricItem
    extra = 0


class StarThresholdInline(admin.TabularInline):
    model = StarThreshold
    extra = 0


@admin.register(StarRubric)
class StarRubricAdmin(admin.ModelAdmin):
    list_display = ("name", "version", "valid_from", "valid_to")
    inlines = [RubricItemInline, StarThresholdInline]
