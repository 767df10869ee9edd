"""FilterSet base: related-record filters offer only what is in the user's scope, and every
widget gets the Tabler CSS class."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from unionhub.core.forms import restrict_form_fields


class ScopedFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    search_fields: tuple[str, ...] = ()

    def __init__(self, data=None, queryset=None, *, request=None, user=None, **kwargs):
        # Code without a request (exports built later, tasks) passes the user directly.
        super().__init__(data, queryset, request=request, **kwargs)
        self.user = user if user is not None else getattr(request, "user", None)

    def search(self, queryset, name, value):
        value = value.strip()
        if not value or not self.search_fields:
            return queryset
        q = Q()
        for field in self.search_fields:
            q |= Q(**{f"{field}__icontains": value})
        return queryset.filter(q)

    @property
    def form(self):
        form = super().form
        if not getattr(form, "_uh_styled", False):
            if self.user is not None:
                restrict_form_fields(form, self.user)
            for field in form.fields.values():
                w = field.widget
                css = "form-select" if isinstance(w, forms.Select) else "form-control"
                w.attrs.setdefault(
                    "class",
                    css + " form-control-sm" if css == "form-control" else css + " form-select-sm",
                )
            form._uh_styled = True
        return form
