from django import forms
from django.utils.translation import gettext_lazy as _


class PreferenceForm(forms.Form):
    """The channels a person chooses (the platform itself is always on)."""

    email = forms.BooleanField(label=_("Also send my notifications by e-mail"), required=False)
    email_address = forms.CharField(
        label=_("e-mail address"),
        required=False,
        max_length=254,
        help_text=_("Empty: the address of your account."),
    )
    sms = forms.BooleanField(label=_("Also send my notifications by SMS"), required=False)
    sms_phone = forms.CharField(
        label=_("mobile phone for SMS"),
        required=False,
        max_length=20,
        help_text=_(
            "Leave empty to keep the stored number. SMS only say that something waits for "
            "you: never names, ID numbers or phone numbers."
        ),
    )
