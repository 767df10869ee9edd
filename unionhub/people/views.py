"""Pages of the registry: declarations of the generic views, registered per model (URLs are
generated, e.g. ``/people/`` for the registry, ``/people/nominations/<pk>/award/``), plus
the mentoring page."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import generic

from unionhub.core.services import ModelServices
from unionhub.core.urlgen import register_model_view
from unionhub.core.views.generic import (
    ObjectActionView,
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    ScopedMixin,
    _display,
)
from unionhub.people import forms, selectors, services
from unionhub.people.filtersets import (
    HonourFilterSet,
    MentorshipFilterSet,
    ModelWorkerFilterSet,
    NominationFilterSet,
)
from unionhub.people.models import (
    HONOUR_FIELDS,
    MENTORSHIP_FIELDS,
    MODEL_WORKER_FIELDS,
    NOMINATION_FIELDS,
    Honour,
    Mentorship,
    ModelWorker,
    Nomination,
)

MODEL_WORKER_SERVICES = ModelServices(
    create=services.modelworker_create,
    update=services.modelworker_update,
    delete=services.modelworker_delete,
)
HONOUR_SERVICES = ModelServices(
    create=services.honour_create, update=services.honour_update, delete=services.honour_delete
)
NOMINATION_SERVICES = ModelServices(
    create=services.nomination_create,
    update=services.nomination_update,
    delete=services.nomination_delete,
)
MENTORSHIP_SERVICES = ModelServices(
    create=services.mentorship_create,
    update=services.mentorship_update,
    delete=services.mentorship_delete,
)


class RelatedDetailView(ObjectDetailView):
    """A detail page with the record's actions as buttons (shown to those who may change the
    record) and tables of its related records (``related``: title, accessor, fields; at most
    50 rows each, one query per table)."""

    template_name = "people/object_detail.html"
    #: (url name suffix, label, Bootstrap button class)
    object_actions: tuple = ()
    #: (title, accessor, fields[, select_related]); a field may follow a relation
    #: (``activity__held_on``): the header is the last field's name
    related: tuple = ()

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        obj = self.object
        meta = self.model._meta
        may_change = self.request.user.has_perm(f"{meta.app_label}.change_{meta.model_name}")
        # A record may say which actions its state allows (``available_actions()``).
        allowed = getattr(obj, "available_actions", None)
        allowed = set(allowed()) if callable(allowed) else None
        ctx["object_actions"] = [
            (reverse(self.url_name(name), args=[obj.pk]), label, css)
            for name, label, css in self.object_actions
            if may_change and (allowed is None or name in allowed)
        ]
        tables = []
        for title, accessor, fields, *joins in self.related:
            manager = getattr(obj, accessor)
            rows = list(manager.all().select_related(*(joins[0] if joins else ()))[:50])
            model = manager.model
            tables.append(
                {
                    "title": title,
                    "headers": [_header(model, f) for f in fields],
                    "rows": [[_follow(r, f) for f in fields] for r in rows],
                }
            )
        ctx["related_tables"] = tables
        return ctx


def _header(model, name: str):
    *path, last = name.split("__")
    for step in path:
        model = model._meta.get_field(step).related_model
    return model._meta.get_field(last).verbose_name


def _follow(obj, name: str):
    *path, last = name.split("__")
    for step in path:
        obj = getattr(obj, step)
        if obj is None:
            return ""
    return _display(obj, last)


def register_crud(
    model,
    form_class,
    svc,
    filterset,
    fields,
    columns,
    select_related=(),
    *,
    object_actions=(),
    related=(),
):
    """Register the list, detail, add/edit and delete pages of ``model``."""

    register_model_view(model, "list")(
        type(
            f"{model.__name__}ListView",
            (ObjectListView,),
            {
                "model": model,
                "filterset_class": filterset,
                "select_related": select_related,
                "columns": columns,
            },
        )
    )
    register_model_view(model)(
        type(
            f"{model.__name__}DetailView",
            (RelatedDetailView,),
            {
                "model": model,
                "select_related": select_related,
                "fields": list(fields),
                "object_actions": tuple(object_actions),
                "related": tuple(related),
            },
        )
    )
    edit = type(
        f"{model.__name__}EditView",
        (ObjectEditView,),
        {"model": model, "form_class": form_class, "services": svc},
    )
    register_model_view(model, "add")(edit)
    register_model_view(model, "edit")(edit)
    register_model_view(model, "delete")(
        type(f"{model.__name__}DeleteView", (ObjectDeleteView,), {"model": model, "services": svc})
    )


register_crud(
    ModelWorker,
    forms.ModelWorkerForm,
    MODEL_WORKER_SERVICES,
    ModelWorkerFilterSet,
    MODEL_WORKER_FIELDS,
    [
        ("name", _("full name")),
        ("category", _("category")),
        ("level", _("level")),
        ("title", _("honorary title")),
        ("year_awarded", _("year awarded")),
        ("employer", _("employer")),
        ("region", _("region")),
    ],
    ("region", "employer"),
    object_actions=(("visit", _("Record a care visit"), "btn-outline-primary"),),
    related=(
        (_("Honours"), "honours", ("title", "level", "awarded_on", "awarded_by")),
        (_("Innovation studios"), "led_studios", ("name", "level", "named_on")),
        (_("Mentoring"), "mentorships", ("apprentice_name", "started_on", "ended_on", "outcome")),
        (
            _("Care visits"),
            "visit_targets",
            ("activity__held_on", "activity", "activity__organiser", "given", "amount"),
            ("activity__organiser",),
        ),
    ),
)
register_crud(
    Honour,
    forms.HonourForm,
    HONOUR_SERVICES,
    HonourFilterSet,
    HONOUR_FIELDS,
    [
        ("model_worker", _("person")),
        ("title", _("honorary title")),
        ("level", _("level")),
        ("awarded_on", _("awarded on")),
    ],
    ("model_worker",),
)
register_crud(
    Nomination,
    forms.NominationForm,
    NOMINATION_SERVICES,
    NominationFilterSet,
    (*NOMINATION_FIELDS, "status", "notice_from", "notice_to", "awarded_on"),
    [
        ("name", _("nominee")),
        ("title", _("honorary title")),
        ("level", _("level")),
        ("nominated_on", _("nominated on")),
        ("status", _("status")),
        ("notice_to", _("public notice until")),
    ],
    ("region",),
    object_actions=(
        ("notice", _("Start the public notice"), "btn-outline-primary"),
        ("award", _("Award the title"), "btn-success"),
        ("withdraw", _("Withdraw the nomination"), "btn-outline-danger"),
    ),
)
register_crud(
    Mentorship,
    forms.MentorshipForm,
    MENTORSHIP_SERVICES,
    MentorshipFilterSet,
    MENTORSHIP_FIELDS,
    [
        ("mentor", _("mentor")),
        ("apprentice_name", _("apprentice")),
        ("studio", _("studio")),
        ("started_on", _("started on")),
        ("ended_on", _("ended on")),
        ("outcome", _("outcome")),
    ],
    ("mentor", "studio"),
)


@register_model_view(Nomination, "notice")
class NominationNoticeView(ObjectActionView):
    model = Nomination
    form_class = forms.NoticeForm
    service = staticmethod(services.nomination_start_notice)
    title = _("Start the public notice")
    success_message = _("The public notice has started.")


@register_model_view(Nomination, "award")
class NominationAwardView(ObjectActionView):
    model = Nomination
    form_class = forms.AwardForm
    service = staticmethod(services.nomination_award)
    title = _("Award the title")
    success_message = _("The title was awarded and entered in the registry.")


@register_model_view(Nomination, "withdraw")
class NominationWithdrawView(ObjectActionView):
    model = Nomination
    service = staticmethod(services.nomination_withdraw)
    title = _("Withdraw the nomination")
    submit_class = "btn-danger"
    success_message = _("The nomination was withdrawn.")


@register_model_view(ModelWorker, "visit")
class ModelWorkerVisitView(ObjectActionView):
    """A care visit (走访慰问) to the person, written into the one activity ledger."""

    model = ModelWorker
    form_class = forms.CareVisitForm
    service = staticmethod(services.carevisit_record)
    instance_arg = "model_worker"
    title = _("Record a care visit")
    success_message = _("The care visit was recorded in the activity ledger.")


class CareVisitsView(LoginRequiredMixin, generic.RedirectView):
    """The menu's 走访慰问: the people of the registry visited, in the activity ledger."""

    scope_exempt = "a redirect to the activity ledger's visit list, which is scoped"
    http_method_names = ["get", "head"]

    def get_redirect_url(self, *args, **kwargs):
        return reverse("activities:visittarget_list") + "?registry=true"


class MentoringView(ScopedMixin, generic.TemplateView):
    """传帮带: apprentices per mentor and per studio, for a year or all years."""

    model = Mentorship
    template_name = "people/mentoring.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        raw = self.request.GET.get("year", "")
        year = int(raw) if raw.isdigit() else None
        this_year = timezone.localdate().year
        ctx.update(
            counts=selectors.mentoring_counts(user=self.request.user, year=year),
            year=year,
            years=list(range(this_year, this_year - 5, -1)),
        )
        return ctx
