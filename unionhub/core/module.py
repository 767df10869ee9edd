"""Core's own declarations: the home page and the system pages every module shares."""

from django.utils.translation import gettext_lazy as _

from unionhub.core.menu import MenuItem, model_item

menu = [
    MenuItem(key="home", label=_("Home"), url_name="core:home", icon="home", group="", order=0),
    model_item("core.changerecord", _("Audit log"), icon="history", order=900),
    model_item("core.exportrequest", _("Unmasked exports"), icon="file-certificate", order=905),
]
