from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponseRedirect
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views import View

from unionhub.accounts import services
from unionhub.accounts.filtersets import RoleFilterSet, UserFilterSet
from unionhub.accounts.forms import MATRIX_ACTIONS, RoleForm, UserForm, permission_matrix
from unionhub.accounts.models import Role, User
from unionhub.accounts.selectors import role_list, user_list
from unionhub.core.services import ModelServices
from unionhub.core.throttling import LoginThrottle, throttled
from unionhub.core.urlgen import register_model_view
from unionhub.core.views.generic import ObjectDetailView, ObjectEditView, ObjectListView


@method_decorator(throttled(LoginThrottle), name="dispatch")  # per address, all usernames
class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["username"].widget.attrs.update(
            {"class": "form-control", "autocomplete": "username", "autofocus": True}
        )
        form.fields["password"].widget.attrs.update(
            {"class": "form-control", "autocomplete": "current-password"}
        )
        return form

    def form_valid(self, form):
        """A user with a second factor is not signed in yet: the code comes first."""
        from unionhub.accounts import security
        from unionhub.accounts.views_security import otp_login_start

        user = form.get_user()
        if security.otp_enabled(user):
            return otp_login_start(self.request, user, self.get_redirect_url())
        return super().form_valid(form)


class LogoutView(auth_views.LogoutView):
    pass


class DisplayPreferenceView(LoginRequiredMixin, View):
    """POST ``large_font=1|0``: switch the large-font mode of one's own account and go back
    to the page the switch was pressed on."""

    http_method_names = ["post"]
    scope_exempt = "the caller's own display preference"

    def post(self, request):
        services.user_display_set(
            actor=request.user, large_font=request.POST.get("large_font") == "1"
        )
        back = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(
            back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            back = reverse("core:home")
        return HttpResponseRedirect(back)


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("core:home")

    def form_valid(self, form):
        messages.success(self.request, _("Your password has been changed."))
        return super().form_valid(form)

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        for field in form.fields.values():
            field.widget.attrs["class"] = "form-control"
        return form


@register_model_view(User, "list")
class UserListView(ObjectListView):
    """Accounts inside the admin's scope, with their roles and the data scope they give."""

    model = User
    filterset_class = UserFilterSet
    columns = [
        ("username", _("Username")),
        ("full_name", _("Full name")),
        ("org_unit", _("Organisation")),
        ("roles_display", _("Roles")),
        ("scope_display", _("Data scope")),
        ("is_active", _("Active")),
    ]
    sortable = ("username", "full_name")
    default_ordering = ("org_unit__path", "username")

    def get_queryset(self):
        return user_list(user=self.request.user)


@register_model_view(User)
class UserDetailView(ObjectDetailView):
    model = User
    template_name = "accounts/user_detail.html"
    fields = ["username", "full_name", "org_unit", "is_active", "last_login", "date_joined"]
    select_related = ("org_unit",)
    prefetch_related = ("roles",)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        visible = set(role_list(user=self.request.user).values_list("pk", flat=True))
        ctx["roles"] = [{"obj": r, "visible": r.pk in visible} for r in self.object.roles.all()]
        return ctx


@register_model_view(User, "add")
@register_model_view(User, "edit")
class UserEditView(ObjectEditView):
    model = User
    form_class = UserForm
    # One service creates and edits (``user=`` the account edited).
    services = ModelServices(create=services.user_save, update=services.user_save)


@register_model_view(Role, "list")
class RoleListView(ObjectListView):
    """Built-in roles plus the roles defined inside the admin's scope."""

    model = Role
    filterset_class = RoleFilterSet
    columns = [
        ("name", _("Name")),
        ("code", _("Code")),
        ("get_data_scope_display", _("Data scope")),
        ("org_unit", _("Defined by")),
        ("is_builtin", _("Built-in")),
    ]
    default_ordering = ("-is_builtin", "name")

    def get_queryset(self):
        return role_list(user=self.request.user).select_related("org_unit")


@register_model_view(Role)
class RoleDetailView(ObjectDetailView):
    model = Role
    template_name = "accounts/role_detail.html"
    fields = ["name", "code", "description", "data_scope", "org_unit", "is_builtin"]

    def get_queryset(self):
        return role_list(user=self.request.user).select_related("org_unit")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        perms = self.object.permissions.select_related("content_type").order_by(
            "content_type__app_label", "content_type__model", "codename"
        )
        ctx["matrix"] = permission_matrix(perms, selected={p.pk for p in perms})
        ctx["matrix_actions"] = MATRIX_ACTIONS
        ctx["custom_units"] = list(self.object.custom_units.all())
        # Built-in roles are maintained by the platform, not edited by hand.
        ctx["can_change"] = ctx["can_change"] and not self.object.is_builtin
        return ctx


@register_model_view(Role, "add")
@register_model_view(Role, "edit")
class RoleEditView(ObjectEditView):
    model = Role
    form_class = RoleForm
    template_name = "accounts/role_form.html"
    # One service creates and edits (``role=`` the role edited).
    services = ModelServices(create=services.role_save, update=services.role_save)

    def get_queryset(self):
        return role_list(user=self.request.user).filter(is_builtin=False)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["matrix_actions"] = MATRIX_ACTIONS
        return ctx
