from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from unionhub.core.forms import ScopedModelForm
from unionhub.members.choices import KeyGroup, Occupation
from unionhub.members.fields import MEMBER_FIELDS, MEMBERTRANSFER_FIELDS
from unionhub.members.models import Member, MemberTransfer
from unionhub.org.choices import OrgKind, RegionLevel
from unionhub.org.models import OrgUnit, Region


def member_by_identity(value: str, *, user) -> Member:
    """The member whose full ID number or mobile phone is ``value``, among those ``user``
    may see (a form field's ``clean``: a picker of every member would be thousands long)."""
    members = Member.objects.search_identity(value.strip())
    if user is not None:
        members = members.visible_to(user)
    member = members.first()
    if member is None:
        raise forms.ValidationError(
            _("No member with this ID number or mobile phone in your area."),
            code="member_not_found",
        )
    return member


class MemberIdentityField(forms.CharField):
    """Optional: an ID number or mobile phone that links the record to a registered member
    (the form resolves it with ``member_by_identity`` in its user's scope)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("member's ID number or mobile phone"))
        kwargs.setdefault(
            "help_text", _("Optional: links the person to the member registry; not shown again.")
        )
        super().__init__(required=False, max_length=20, **kwargs)


class MemberForm(ScopedModelForm):
    """Edit a member. ID number and phone are entered in clear and stored encrypted; on
    edit they are left blank (placeholder shows the masked value) to keep the stored one."""

    id_number = forms.CharField(label=_("ID number"), max_length=20, required=False)
    phone = forms.CharField(label=_("Mobile phone"), max_length=20, required=False)

    class Meta:
        model = Member
        fields = list(MEMBER_FIELDS)
        widgets = {
            "joined_on": forms.DateInput(attrs={"type": "date"}),
            "left_on": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["union"].queryset = self.fields["union"].queryset.exclude(
            kind__in=[OrgKind.CITY_FEDERATION, OrgKind.COUNTY_FEDERATION]
        )
        if "employer" in self.fields:
            self.fields["employer"].required = False
        if self.instance.pk:
            self.fields["id_number"].widget.attrs["placeholder"] = self.instance.id_number_masked
            self.fields["phone"].widget.attrs["placeholder"] = self.instance.phone_masked
            self.fields["id_number"].help_text = _("Leave blank to keep the stored number.")
            self.fields["phone"].help_text = _("Leave blank to keep the stored number.")
        else:
            self.fields["id_number"].required = True
            self.fields["phone"].required = True
        self.order_fields(["name", "id_number", "phone"])


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for rejection"),
        max_length=300,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )


class MemberTransferForm(ScopedModelForm):
    class Meta:
        model = MemberTransfer
        fields = list(MEMBERTRANSFER_FIELDS)

    def __init__(self, *args, **kwargs):
        member = kwargs.pop("member", None)
        super().__init__(*args, **kwargs)
        # The destination may be any union of the city (a member moving to another county).
        self.fields["to_union"].queryset = (
            OrgUnit.objects.filter(is_active=True)
            .exclude(kind__in=[OrgKind.CITY_FEDERATION, OrgKind.COUNTY_FEDERATION])
            .order_by("path")
        )
        if member is not None:
            self.fields["member"].initial = member.pk


def _town_choices() -> list:
    groups: dict[str, list] = {}
    towns = (
        Region.objects.filter(level=RegionLevel.TOWN)
        .select_related("parent")
        .order_by("parent__code", "code")
    )
    for town in towns:
        groups.setdefault(town.parent.name if town.parent else "", []).append(
            (town.code, town.name)
        )
    return [("", _("Choose the town or street where you work"))] + list(groups.items())


class JoinForm(forms.Form):
    """The public online-joining form (网上入会): phone-sized, no login."""

    name = forms.CharField(label=pgettext_lazy("person", "Name"), max_length=50)
    id_number = forms.CharField(
        label=_("ID number"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "text"}),
    )
    phone = forms.CharField(
        label=_("Mobile phone"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "tel"}),
    )
    region = forms.ChoiceField(label=_("Town / street where you work"), choices=())
    employer_name = forms.CharField(label=_("Employer"), max_length=150, required=False)
    no_fixed_employer = forms.BooleanField(label=_("No fixed employer"), required=False)
    occupation = forms.ChoiceField(
        label=_("Occupation"), choices=[("", "—")] + list(Occupation.choices), required=False
    )
    is_new_employment = forms.BooleanField(
        label=_("I am a new-employment-form worker (platform, delivery, driving …)"),
        required=False,
    )
    key_group = forms.ChoiceField(
        label=_("Key group"), choices=[("", "—")] + list(KeyGroup.choices), required=False
    )
    platform_name = forms.CharField(label=_("Platform / company"), max_length=100, required=False)
    consent = forms.BooleanField(
        label=_(
            "I agree that the union collects my ID number and phone only for membership registration."
        ),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = _town_choices()
        self.fields["region"].error_messages["invalid_choice"] = _(
            "Choose a town or street in Yancheng; applications from other regions are not accepted here."
        )
        from django.urls import reverse

        self.fields["employer_name"].widget.attrs.update(
            {
                "list": "employer-options",
                "autocomplete": "off",
                "hx-get": reverse("members:join_employers"),
                "hx-trigger": "keyup changed delay:300ms",
                "hx-target": "#employer-options",
                "hx-include": "[name=region]",
            }
        )
        for name, field in self.fields.items():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "form-select")
            else:
                widget.attrs.setdefault("class", "form-control")
            widget.attrs.setdefault("data-testid", f"join-{name}")


class JoinStatusForm(forms.Form):
    phone = forms.CharField(
        label=_("Mobile phone"),
        max_length=20,
        widget=forms.TextInput(attrs={"class": "form-control", "inputmode": "numeric"}),
    )
    code = forms.CharField(
        label=_("Application code"),
        max_length=12,
        widget=forms.TextInput(attrs={"class": "form-control", "autocomplete": "off"}),
    )


__all__ = ["JoinForm", "JoinStatusForm", "MemberForm", "MemberTransferForm", "RejectForm"]
