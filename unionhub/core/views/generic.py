"""Generic, scope-enforcing record views (NetBox style): an app's views are declarations.

    class EnterpriseListView(ObjectListView):
        model = Enterprise
        filterset_class = EnterpriseFilterSet
        columns = [("name", _("Name")), ("region", _("Region")), ...]

Every view starts from ``model.objects.visible_to(request.user)``: an object outside the
user's scope is a 404, exactly as if it did not exist. Views require the model permission
of their action (view/add/change/delete)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import models, transaction
from django.http import (
    Http404,
    HttpResponseBadRequest,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
)
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views import generic

from unionhub.core.detail_tabs import tabs_for
from unionhub.core.files import protected_file_response
from unionhub.core.scope import object_visible_to
from unionhub.core.services import ModelServices, deletion_refusal


def login_or_forbidden(request):
    """The answer to a request without the needed permission: to the login page (and back
    to ``request``'s page afterwards) when nobody is logged in, else 403."""
    from django.contrib.auth.views import redirect_to_login

    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied


class PagePermissionMixin(LoginRequiredMixin, PermissionRequiredMixin):
    """A page that needs a permission but lists no one model (an overview, a report, a
    rubric): anonymous visitors go to the login page and back, the others without the
    permission get 403 — the same answers as every model page."""

    raise_exception = True

    def handle_no_permission(self):
        return login_or_forbidden(self.request)


class ScopedMixin(LoginRequiredMixin, PermissionRequiredMixin):
    model: type[models.Model]
    action = "view"
    select_related: tuple[str, ...] = ()
    prefetch_related: tuple[str, ...] = ()
    raise_exception = True

    def get_permission_required(self):
        if self.permission_required:
            return super().get_permission_required()
        meta = self.model._meta
        return [f"{meta.app_label}.{self.action}_{meta.model_name}"]

    def handle_no_permission(self):
        """Anonymous visitors go to the login page and come back after it (a 403 "您没有执行
        此操作的权限" told them nothing); a logged-in user without the permission gets 403."""
        return login_or_forbidden(self.request)

    def get_queryset(self):
        qs = self.model._default_manager.visible_to(self.request.user)
        if self.select_related:
            qs = qs.select_related(*self.select_related)
        if self.prefetch_related:
            qs = qs.prefetch_related(*self.prefetch_related)
        return qs

    def url_name(self, action: str) -> str:
        meta = self.model._meta
        suffix = "" if action == "detail" else f"_{action}"
        return f"{meta.app_label}:{meta.model_name}{suffix}"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["model_meta"] = self.model._meta
        ctx["verbose_name"] = self.model._meta.verbose_name
        ctx["verbose_name_plural"] = self.model._meta.verbose_name_plural
        return ctx


class ObjectFileView(ScopedMixin, generic.View):
    """The file in ``file_field`` of one record, for whoever may view the record (core/files.py):

    @register_model_view(SpotCheck, "photo")
    class SpotCheckPhotoView(ObjectFileView):
        model = SpotCheck
        file_field = "photo"
    """

    file_field: str

    def file_stem(self, obj: models.Model) -> str:
        return f"{self.model._meta.model_name}-{obj.pk}-{self.file_field}"

    def get(self, request, pk: int):
        obj = get_object_or_404(self.get_queryset(), pk=pk)
        return protected_file_response(getattr(obj, self.file_field), stem=self.file_stem(obj))


def file_view_url_name(model: type[models.Model], field: str) -> str | None:
    """The URL name of the ``ObjectFileView`` that serves ``model.field``, if one is
    registered (core/urlgen.py's registry)."""
    from unionhub.core.urlgen import model_views

    for registration in model_views(model).values():
        view = registration.view
        if isinstance(view, type) and issubclass(view, ObjectFileView):
            if view.file_field == field:
                return f"{model._meta.app_label}:{registration.url_name}"
    return None


class ObjectListView(ScopedMixin, generic.TemplateView):
    """Filterable, searchable, sortable, paginated list. Query count does not grow with the
    page size: related rows come from ``select_related`` / ``prefetch_related``."""

    template_name = "core/object_list.html"
    filterset_class = None
    columns: list[tuple[str, Any]] = []
    sortable: tuple[str, ...] = ()
    default_ordering: tuple[str, ...] = ("-pk",)
    paginate_by = 25
    max_page_size = 500
    #: ``unionhub.core.bulk.BulkAction``s offered for ticked rows (those the user may run)
    bulk_actions: list = []
    #: every column a user may show (name, label); ``columns`` are the ones shown by default.
    #: When set, the list offers a column chooser (``?cols=a&cols=b``, so a view can be
    #: bookmarked); the first default column (the link to the record) always stays.
    column_choices: list[tuple[str, Any]] = []
    #: the Excel export of the list (``<base>export.xlsx``, generated with the list's URL):
    #: declared columns, or — when None — the list's chosen columns. ``export_enabled =
    #: False`` turns it off (a list that must not leave the platform).
    export_columns: list | None = None
    export_enabled = True
    export_title: Any = None
    #: the region / union tree on the list's left (``unionhub.core.orgtree.ListTree``): a
    #: node click sets its filter parameter, which the filter form then carries hidden
    tree: Any = None
    #: set by the generated export route
    export = False

    @staticmethod
    def reads_from_replica(initkwargs) -> bool:
        """The export route's reads may go to the read replica (unionhub/core/dbrouter.py)."""
        return bool(initkwargs.get("export"))

    def get_permission_required(self):
        if not self.export:
            return super().get_permission_required()
        return [export_permission(self.model)]

    #: query parameters the view reads besides its filterset's and ``LIST_PARAMS``
    query_params: tuple[str, ...] = ()

    def allowed_query_params(self) -> list[str]:
        from unionhub.core.filtersets import LIST_PARAMS, param_names

        names = param_names(self.filterset_class) if self.filterset_class is not None else []
        return [*names, *LIST_PARAMS, *self.query_params]

    def refused_query(self):
        """A 400 for a query the list cannot honour, else None: on an export any unknown
        parameter (a mistyped filter must not export every row; the page itself ignores
        them, browsers add utm_…), on both an integer filter beyond 64 bits."""
        from unionhub.core.filtersets import unknown_params, unknown_params_message

        if self.export:
            allowed = self.allowed_query_params()
            unknown = unknown_params(self.request.GET, allowed)
            if unknown:
                return bad_request(self.request, unknown_params_message(unknown, allowed))
        self.filtered_queryset()
        errors = self.filterset.out_of_range_errors() if self.filterset is not None else []
        if errors:
            return bad_request(self.request, "；".join(errors))
        return None

    def get(self, request, *args, **kwargs):
        if self.export and (kwargs.get("format") != "xlsx" or not self.export_enabled):
            raise Http404
        refused = self.refused_query()
        if refused is not None:
            return refused
        if not self.export:
            return super().get(request, *args, **kwargs)
        return self.export_queryset(self.filtered_queryset())

    def export_column_list(self) -> list:
        from unionhub.core.exporting import ExportColumn

        if self.export_columns is not None:
            return list(self.export_columns)
        hidden = set(getattr(self.model, "pii_fields", ()))
        result = []
        for name, label in self.chosen_columns():
            if name in hidden or not _model_has(self.model, name):
                continue
            result.append(ExportColumn(label, name, 18))
        return result

    def export_queryset(self, queryset):
        from unionhub.core.exporting import export_response

        title = str(self.export_title or self.model._meta.verbose_name_plural)
        filterset = getattr(self, "filterset", None)
        title_place = getattr(filterset, "title_place", None)
        title_conditions = getattr(filterset, "title_conditions", None)
        return export_response(
            queryset,
            columns=self.export_column_list(),
            filename=title,
            user=self.request.user,
            title=title,
            place=title_place() if title_place else None,
            conditions=title_conditions() if title_conditions else (),
        )

    def chosen_columns(self) -> list[tuple[str, Any]]:
        if not self.column_choices:
            return self.columns
        known = {name for name, _label in self.column_choices}
        wanted = [c for c in self.request.GET.getlist("cols") if c in known]
        if not wanted:
            return self.columns
        first = self.columns[0][0]
        if first not in wanted:
            wanted = [first, *wanted]
        return [c for c in self.column_choices if c[0] in wanted]

    def filtered_queryset(self):
        qs = self.get_queryset()
        self.filterset = None
        if self.filterset_class is not None:
            self.filterset = self.filterset_class(
                self.request.GET or None, queryset=qs, request=self.request
            )
            qs = self.filterset.qs
            if self.tree is not None and self.tree.param in self.filterset.form.fields:
                # the tree sets this filter; the form carries it along (hidden)
                self.filterset.form.fields[self.tree.param].widget = forms.HiddenInput()
        sort = self.request.GET.get("sort", "")
        if sort.lstrip("-") in self.sortable:
            qs = qs.order_by(sort, "pk")
        else:
            qs = qs.order_by(*self.default_ordering)
        return qs

    def get_template_names(self):
        if getattr(self.request, "htmx", False) and not self.request.htmx.boosted:
            # a list's own template extending core/object_list.html inherits its partial
            return [f"{self.template_name}#results", "core/object_list.html#results"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        qs = self.filtered_queryset()
        try:
            per_page = min(
                int(self.request.GET.get("page_size", self.paginate_by)), self.max_page_size
            )
        except ValueError:
            per_page = self.paginate_by
        page = Paginator(qs, max(per_page, 1)).get_page(self.request.GET.get("page"))
        query = self.request.GET.copy()
        query.pop("page", None)
        ctx.update(
            page_obj=page,
            object_list=page.object_list,
            filterset=self.filterset,
            columns=self.chosen_columns(),
            column_choices=self.column_choices,
            sortable=self.sortable,
            current_sort=self.request.GET.get("sort", ""),
            querystring=query.urlencode(),
            detail_url_name=self.url_name("detail"),
            add_url_name=self.url_name("add"),
            can_add=self.request.user.has_perm(
                f"{self.model._meta.app_label}.add_{self.model._meta.model_name}"
            ),
            bulk_actions=self.allowed_bulk_actions(),
            export_url=self.export_url(),
            export_base=self.export_url().split("?", 1)[0],
        )
        if self.tree is not None:
            meta = self.model._meta
            ctx.update(
                list_tree=self.tree,
                list_tree_url=reverse(
                    "core:list_tree", args=[f"{meta.app_label}.{meta.model_name}"]
                ),
                list_tree_selected=self.request.GET.get(self.tree.param, ""),
            )
        return ctx

    def export_url(self) -> str:
        """The list's export link with the current filter (empty without the permission)."""
        if not self.export_enabled or not self.request.user.has_perm(export_permission(self.model)):
            return ""
        try:
            url = reverse(self.url_name("export"), kwargs={"format": "xlsx"})
        except NoReverseMatch:
            return ""
        query = self.request.GET.urlencode()
        return f"{url}?{query}" if query else url

    # bulk actions ----------------------------------------------------------------------
    def declared_bulk_actions(self) -> list:
        """The module's bulk actions, plus "export the ticked rows" for every exportable
        list (unless the module declares its own)."""
        from unionhub.core import bulk

        actions = list(self.bulk_actions)
        if self.export_enabled and not any(a.key == "export" for a in actions):
            actions.append(
                bulk.export_action(
                    lambda request, qs: self.export_queryset(qs),
                    permission=export_permission(self.model),
                )
            )
        return actions

    def allowed_bulk_actions(self) -> list:
        user = self.request.user
        return [
            a for a in self.declared_bulk_actions() if user.has_perm(a.permission_for(self.model))
        ]

    def post(self, request, *args, **kwargs):
        """Run a bulk action on the ticked rows, or on every row of the current filter
        (``all=1``); the filter comes from the query string the form posts to."""
        from unionhub.core import bulk

        actions = self.declared_bulk_actions()
        if not actions or self.export:
            return HttpResponseNotAllowed(["GET"])
        key = request.POST.get("action", "")
        action = next((a for a in actions if a.key == key), None)
        if action is None:
            return HttpResponseBadRequest(_("Unknown action."))
        if not request.user.has_perm(action.permission_for(self.model)):
            raise PermissionDenied
        back = request.path + (f"?{request.GET.urlencode()}" if request.GET else "")
        queryset = self.filtered_queryset()
        everything = request.POST.get("all") == "1"
        if not everything:
            ids = [int(v) for v in request.POST.getlist("pk") if v.isdigit()]
            queryset = queryset.filter(pk__in=ids)
        count = queryset.count()
        if count == 0:
            messages.warning(request, _("Tick at least one record first."))
            return HttpResponseRedirect(back)
        if count > bulk.MAX_RECORDS:
            messages.error(
                request,
                _("%(n)d records are too many for one bulk action (at most %(max)d).")
                % {"n": count, "max": bulk.MAX_RECORDS},
            )
            return HttpResponseRedirect(back)
        confirmed = request.POST.get("confirm") == "1"
        form = None
        if action.form_class is not None:
            form = action.form_class(request.POST if confirmed else None)
            for field in form.fields.values():
                select = isinstance(field.widget, forms.Select)
                field.widget.attrs.setdefault("class", "form-select" if select else "form-control")
        if (action.confirm and not confirmed) or (form is not None and not form.is_valid()):
            return render(
                request,
                "core/bulk_confirm.html",
                {
                    "action": action,
                    "count": count,
                    "sample": list(queryset[:20]),
                    "form": form,
                    "everything": everything,
                    "ids": request.POST.getlist("pk"),
                    "back": back,
                    "verbose_name_plural": self.model._meta.verbose_name_plural,
                },
                status=200 if not confirmed else 400,
            )
        try:
            outcome = action.run(request, queryset, form.cleaned_data if form else {})
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
            return HttpResponseRedirect(back)
        if outcome.response is not None:
            return outcome.response
        if outcome.done:
            messages.success(request, action.done_message % {"n": outcome.done})
        if outcome.refused:
            shown = "；".join(f"{name}：{reason}" for name, reason in outcome.refused[:10])
            messages.error(
                request,
                _("%(n)d records were left unchanged: %(list)s")
                % {"n": len(outcome.refused), "list": shown},
            )
        return HttpResponseRedirect(back)


def bad_request(request, message: str):
    """The 400 page with a sentence (a query the page cannot honour)."""
    return render(request, "400.html", {"message": message}, status=400)


def export_permission(model: type[models.Model]) -> str:
    """``<app>.export_<model>`` where the model defines it, else the view permission."""
    meta = model._meta
    codename = f"export_{meta.model_name}"
    if any(code == codename for code, _label in meta.permissions):
        return f"{meta.app_label}.{codename}"
    return f"{meta.app_label}.view_{meta.model_name}"


def _model_has(model: type[models.Model], name: str) -> bool:
    head = name.split("__", 1)[0]
    if hasattr(model, head):
        return True
    try:
        model._meta.get_field(head)
    except Exception:  # noqa: BLE001 — FieldDoesNotExist: a runtime-only attribute
        return False
    return True


class ObjectDetailView(ScopedMixin, generic.DetailView):
    template_name = "core/object_detail.html"
    fields: list[str] = []

    def get_context_data(self, **kwargs):
        from unionhub.core.selectors import changerecord_for_object

        ctx = super().get_context_data(**kwargs)
        obj = self.object
        ctx["field_rows"] = [
            (obj._meta.get_field(f).verbose_name, _display(obj, f)) for f in self.fields
        ]
        ctx["change_records"] = changerecord_for_object(obj=obj, user=self.request.user)[:50]
        meta = self.model._meta
        perms = self.request.user
        ctx["can_change"] = perms.has_perm(f"{meta.app_label}.change_{meta.model_name}")
        ctx["can_delete"] = perms.has_perm(f"{meta.app_label}.delete_{meta.model_name}")
        ctx["edit_url_name"] = self.url_name("edit")
        ctx["delete_url_name"] = self.url_name("delete")
        ctx["list_url_name"] = self.url_name("list")
        ctx["detail_tabs"] = [
            (tab, f"{meta.app_label}.{meta.model_name}") for tab in tabs_for(self.model, perms)
        ]
        return ctx


def _display(obj: models.Model, name: str) -> Any:
    getter = getattr(obj, f"get_{name}_display", None)
    if callable(getter):
        return getter()
    value = getattr(obj, name)
    if isinstance(obj._meta.get_field(name), models.FileField):
        return _file_link(obj, name) if value else ""
    if value is True:
        return _("Yes")
    if value is False:
        return _("No")
    return "" if value is None else value


def _file_link(obj: models.Model, name: str) -> str:
    """An uploaded file is opened through the record's file view (``ObjectFileView``),
    never through a media URL."""
    url_name = file_view_url_name(type(obj), name)
    if url_name is None:
        return _("A file is attached")
    url = reverse(url_name, args=[obj.pk])
    return format_html(
        '<a href="{}" target="_blank" rel="noopener">{}</a>', url, _("Open the file")
    )


class ObjectEditView(ScopedMixin, generic.UpdateView):
    """Create (no pk in the URL) or edit. The save runs in a transaction and is undone if
    the record would end up outside the user's scope."""

    template_name = "core/object_edit.html"
    #: the module's write services; ``save`` calls them with the form's cleaned data
    services: ModelServices | None = None

    def get_object(self, queryset=None):
        if "pk" not in self.kwargs:
            return None
        return super().get_object(queryset)

    def get_permission_required(self):
        meta = self.model._meta
        action = "change" if "pk" in self.kwargs else "add"
        return [f"{meta.app_label}.{action}_{meta.model_name}"]

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def service_data(self, form) -> dict[str, Any]:
        """What the service receives: the form's cleaned data (override to rename or add)."""
        return dict(form.cleaned_data)

    def save(self, form):
        """Write through the declared services: ``create(actor=, **data)`` or
        ``update(actor=, <model>=obj, **data)``."""
        if self.services is not None:
            data = self.service_data(form)
            if self.object is None:
                return self.services.call_create(actor=self.request.user, data=data)
            # A ModelForm writes the cleaned values onto its instance while validating: the
            # service gets the record as stored, so it sees (and audits) what changes.
            stored = type(self.object)._base_manager.get(pk=self.object.pk)
            return self.services.call_update(actor=self.request.user, instance=stored, data=data)
        # Platform models without a service (none of a domain module's: the write matrix
        # and ``test_every_write_view_declares_services`` hold modules to their services).
        obj = form.save(commit=False)
        if obj.pk is None and hasattr(obj, "created_by_id"):
            obj.created_by = self.request.user
        obj.full_clean()
        obj.save()
        form.save_m2m()
        return obj

    def form_valid(self, form):
        try:
            with transaction.atomic():
                self.object = self.save(form)
                if not object_visible_to(self.object, self.request.user):
                    raise ValidationError(_("The record would be outside your data scope."))
        except ValidationError as exc:
            _add_errors(form, exc, self.request.user)
            return self.form_invalid(form)
        messages.success(self.request, _("Saved “%(obj)s”.") % {"obj": self.object})
        return HttpResponseRedirect(self.get_success_url())

    def get_success_url(self):
        return reverse(self.url_name("detail"), args=[self.object.pk])

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["list_url_name"] = self.url_name("list")
        ctx["detail_url_name"] = self.url_name("detail")
        return ctx


def _add_errors(form, exc: ValidationError, user=None) -> None:
    from unionhub.core.uniqueness import explain_unique

    exc = explain_unique(exc, user=user or getattr(form, "user", None), html=True)
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


class ObjectDeleteView(ScopedMixin, generic.DeleteView):
    template_name = "core/object_delete.html"
    action = "delete"
    services: ModelServices | None = None

    def delete_object(self, obj):
        """Delete through the declared service (which may refuse with a reason)."""
        if self.services is not None:
            self.services.call_delete(actor=self.request.user, instance=obj)
            return
        obj.delete()

    def form_valid(self, form):
        obj = self.get_object()
        try:
            with transaction.atomic():
                self.delete_object(obj)
        except (ValidationError, models.ProtectedError, models.RestrictedError) as exc:
            reason = (
                exc.messages[0] if isinstance(exc, ValidationError) else deletion_refusal(obj, exc)
            )
            messages.error(self.request, _("Cannot delete: %(r)s") % {"r": reason})
            return HttpResponseRedirect(reverse(self.url_name("detail"), args=[obj.pk]))
        messages.success(self.request, _("Deleted “%(obj)s”.") % {"obj": obj})
        return HttpResponseRedirect(reverse(self.url_name("list")))

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["detail_url_name"] = self.url_name("detail")
        return ctx


class ObjectActionView(ScopedMixin, generic.FormView):
    """One action on one record: an optional form, the module's service, a message.

        @register_model_view(Ticket, "action")
        class TicketActionView(ObjectActionView):
            model = Ticket
            form_class = TicketActionForm
            service = staticmethod(services.ticket_act)   # ticket_act(*, actor, ticket, **data)
            success_message = _("The ticket was updated.")

    The record is fetched through ``visible_to`` (outside the scope: 404), the service runs
    in a transaction, the record must still be in scope afterwards, and a ``ValidationError``
    goes back to the form, field by field (400)."""

    template_name = "core/object_action.html"
    action = "change"
    form_class = None
    service: Any = None
    #: the keyword the service takes the record by (default: model name)
    instance_arg: str | None = None
    success_message: Any = None
    title: Any = None
    #: the button's label and Bootstrap colour
    submit_label: Any = None
    submit_class = "btn-primary"

    def dispatch(self, request, *args, **kwargs):
        self.object = None
        return super().dispatch(request, *args, **kwargs)

    def get_object(self):
        if self.object is None:
            self.object = get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
        return self.object

    def get_form_class(self):
        return self.form_class or forms.Form

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        form_class = self.get_form_class()
        if _accepts_user(form_class):
            kwargs["user"] = self.request.user
        return kwargs

    def get_form(self, form_class=None):
        from unionhub.core.forms import iso_input_values, lay_out_choices

        form = super().get_form(form_class)
        iso_input_values(form)
        lay_out_choices(form)
        for field in form.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple):
                continue
            css = "form-select" if isinstance(widget, forms.Select) else "form-control"
            widget.attrs.setdefault("class", css)
        return form

    def service_data(self, form) -> dict[str, Any]:
        return dict(form.cleaned_data)

    def run(self, form):
        obj = self.get_object()
        arg = self.instance_arg or obj._meta.model_name
        return type(self).service(actor=self.request.user, **{arg: obj}, **self.service_data(form))

    def form_valid(self, form):
        obj = self.get_object()
        try:
            with transaction.atomic():
                result = self.run(form)
                target = result if isinstance(result, models.Model) else obj
                self.result = target
                if type(target) is type(obj) and not object_visible_to(target, self.request.user):
                    raise ValidationError(_("The record would be outside your data scope."))
        except ValidationError as exc:
            _add_errors(form, exc, self.request.user)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        if self.success_message:
            messages.success(self.request, self.success_message)
        return HttpResponseRedirect(self.get_success_url())

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def get_success_url(self):
        # An action that makes a new record of the same kind (carry over to next year,
        # renew) lands on the new record; any other lands back on the record acted on.
        obj = self.get_object()
        result = getattr(self, "result", None)
        if type(result) is type(obj) and result.pk != obj.pk:
            return reverse(self.url_name("detail"), args=[result.pk])
        return reverse(self.url_name("detail"), args=[obj.pk])

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        obj = self.get_object()
        ctx.update(
            object=obj,
            title=self.title or obj,
            submit_label=self.submit_label or _("Confirm"),
            submit_class=self.submit_class,
            detail_url=reverse(self.url_name("detail"), args=[obj.pk]),
            list_url_name=self.url_name("list"),
        )
        return ctx


def _accepts_user(form_class) -> bool:
    import inspect

    try:
        return "user" in inspect.signature(form_class.__init__).parameters
    except (TypeError, ValueError):
        return False


def get_visible_or_404(model: type[models.Model], user: Any, **lookup):
    """Fetch-and-check in one step (Zulip's access_*): missing and forbidden look the same."""
    return get_object_or_404(model._default_manager.visible_to(user), **lookup)
