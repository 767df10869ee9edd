"""Chinese wording for Django's password-length rule.

Django 5.2 rewrote the message as ``"... at least %d characters."`` while its own zh_Hans
catalogue still translates the old ``%(min_length)d`` wording, so the rule would be shown in
English. Marking the new strings here puts them in this app's catalogue."""

from django.utils.translation import ngettext_lazy

DJANGO_PASSWORD_MESSAGES = (
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        "min_length",
    ),
)
