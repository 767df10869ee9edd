from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from unionhub.core.forms import ScopedModelForm
from unionhub.org.fields import ORGUNIT_FIELDS
from unionhub.org.models import OrgUnit


class OrgUnitForm(ScopedModelForm):
    """Create or edit a union organisation. The parent and region lists hold only what the
    user may see; changing the parent moves the unit with everything below it. The tree
    rules (region inside the parent's area, no cycles) are the services'."""

    class Meta:
        model = OrgUnit
        fields = ORGUNIT_FIELDS

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["region"].queryset = self.fields["region"].queryset.order_by("path")
        parents = self.fields["parent"].queryset.order_by("path")
        if self.instance.pk:
            # A unit cannot become its own subordinate: leave its subtree out of the list.
            parents = parents.exclude(path__startswith=self.instance.path)
        self.fields["parent"].queryset = parents
        self.fields["parent"].help_text = _(
            "Choosing another parent moves this organisation together with everything below it."
        )
        current_parent = self.instance.parent if self.instance.pk else None
        if self.instance.pk and (
            current_parent is None or not parents.filter(pk=current_parent.pk).exists()
        ):
            # The user's own top unit: its parent is outside their scope and stays as it is.
            self.fields["parent"].disabled = True
            self.fields["parent"].required = False
            self.fields["parent"].queryset = OrgUnit.objects.filter(pk=self.instance.parent_id)
            self.fields["parent"].help_text = _("Only a higher-level administrator can move it.")
        elif not self.instance.pk:
            self.fields["parent"].required = True
