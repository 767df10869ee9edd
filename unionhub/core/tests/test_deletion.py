"""Deletion that loses nothing (issue #19): no foreign key deletes history by cascade. Every
CASCADE between the platform's models is on the allow-list below with its reason (a
parent's own sub-rows, a user's own inbox); everything people rely on — visits, tickets,
patrols, checks, reports, assessments, sign-ins — is PROTECT. A refused delete answers with
a sentence (page message, API 409), never a 500."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import models

from unionhub.stations.models import Station
from unionhub.stations.tests.samples import checkin_in, station_in, ticket_in

#: "<app>.<Model>.<field>" → why deleting the parent may delete these rows
ALLOWED_CASCADES = {
    "accounts.ApiToken.user": "the deleted user's own credentials (useless without the user)",
    "accounts.PasswordHistory.user": "hashes of the deleted user's own old passwords",
    "accounts.UserSession.user": "the deleted user's own sessions (they end with the user)",
    "brands.BrandKpi.brand": "a brand's own indicator rows; only draft brands can be deleted",
    "kpis.KpiSnapshot.region": "a derived snapshot, recomputed from the records",
    "notifications.Notification.recipient": "the deleted user's own inbox",
    "notifications.Delivery.notification": "a notification's own delivery attempts",
    "notifications.ChannelPreference.user": "the deleted user's own settings",
    "todo.Reminder.user": "the deleted user's own reminders",
    "enterprises.SmeThreshold.standard": "the thresholds are the standard's own sub-rows",
    "enterprises.CampaignTownTarget.campaign": "a campaign's own per-town targets",
    "stations.ScheduleWindow.station": "the station's own opening hours",
    "stations.ScheduleException.station": "the station's own closing days",
    "stations.StationStaff.station": "assignments of staff to the station (configuration)",
    "stations.StationStaff.user": "the deleted user's assignments (configuration)",
    "stations.Device.station": "the station's device register; devices with events are protected",
    "stations.TicketEvent.ticket": "a ticket's own timeline; tickets are protected by the station",
    "bargaining.Representative.case": "a case's own list of negotiators",
    "bargaining.WageStandard.case": "a case's own agreed wage lines",
    "activities.ActivityPhoto.activity": "an activity's own photos",
    "activities.Programme.show": "a show's own running order",
    "activities.Performer.programme": "a programme item's own performers",
    "governance.GridWorker.grid": "a grid's own staff list",
    "governance.GridMembership.enterprise": "membership rows of an enterprise in grids",
    "governance.IndicatorRule.indicator": "an indicator's own rules",
    "governance.WarningEvent.warning": "a warning's own timeline",
    "congress.Representative.congress": "a congress's own list of representatives",
    "congress.RubricItem.rubric": "a rubric's own items (a questionnaire's items)",
    "congress.StarThreshold.rubric": "a rubric's own thresholds",
    "congress.EvaluationScore.evaluation": "an evaluation's own item scores",
    "studios.StudioMember.studio": "membership rows of a studio",
    "studios.AllianceMembership.alliance": "membership rows of an alliance",
    "studios.AllianceMembership.studio": "membership rows of a studio in alliances",
}


def _cascades() -> set[str]:
    found = set()
    for model in apps.get_models():
        if not model.__module__.startswith("unionhub."):
            continue
        for field in model._meta.get_fields():
            if (
                isinstance(field, models.ForeignKey)
                and field.remote_field.on_delete is models.CASCADE
            ):
                found.add(f"{model._meta.label}.{field.name}")
    return found


def test_no_foreign_key_cascades_into_history():
    unexpected = sorted(_cascades() - set(ALLOWED_CASCADES))
    assert not unexpected, (
        "These foreign keys delete records by cascade. Make them PROTECT (or give the parent "
        f"a status such as 停用), or add them to ALLOWED_CASCADES with the reason: {unexpected}"
    )


def test_the_allow_list_names_only_real_cascades():
    assert not sorted(set(ALLOWED_CASCADES) - _cascades())


@pytest.mark.parametrize(
    "label",
    [
        "stations.CheckIn.station",
        "stations.Ticket.station",
        "stations.HygieneCheck.station",
        "stations.PatrolLog.station",
        "stations.SpotCheck.station",
        "stations.DeviceEvent.device",
        "activities.SignIn.activity",
        "activities.VisitTarget.activity",
        "socialwork.MonthlyRecord.worker",
        "socialwork.Assessment.worker",
        "activities.VisitTarget.model_worker",
        "partybuild.CycleReport.participation",
        "enterprises.ContactLog.enterprise",
        "bargaining.BargainingOffer.campaign",
        "studios.Achievement.studio",
    ],
)
def test_history_is_protected(label):
    app_model, name = label.rsplit(".", 1)
    field = apps.get_model(app_model)._meta.get_field(name)
    assert field.remote_field.on_delete is models.PROTECT


EXPECTED = "该驿站已有到站登记、服务工单等记录，不能删除，可改为停用。"


@pytest.fixture
def busy_station(demo):
    checkin_in("xiangshui")
    ticket = ticket_in("xiangshui")
    return station_in("xiangshui"), ticket


@pytest.mark.django_db
def test_the_api_refuses_to_delete_a_station_with_history(busy_station, api_as):
    station, ticket = busy_station
    response = api_as("city_admin").delete(f"/api/v1/stations/{station.pk}/")
    assert response.status_code == 409
    assert response.json() == {"detail": EXPECTED}, response.json()
    assert Station.objects.filter(pk=station.pk).exists()


@pytest.mark.django_db
def test_the_page_refuses_to_delete_a_station_with_history(busy_station, client_as, client):
    station, ticket = busy_station
    page = client_as("city_admin")
    response = page.post(f"/stations/{station.pk}/delete/", follow=True)
    assert response.status_code == 200
    assert EXPECTED in response.content.decode()
    assert Station.objects.filter(pk=station.pk).exists()
    # the worker's public ticket link keeps working
    client.logout()
    assert client.get(f"/stations/t/{ticket.ref}/").status_code == 200


@pytest.mark.django_db
def test_a_station_without_history_can_still_be_deleted(demo, api_as):
    station = station_in("xiangshui")
    assert api_as("city_admin").delete(f"/api/v1/stations/{station.pk}/").status_code == 204
    assert not Station.objects.filter(pk=station.pk).exists()


@pytest.mark.django_db
def test_a_database_refusal_elsewhere_is_a_sentence_not_a_500(demo, client_as):
    """A record whose delete service does not check first (a model worker with care visits):
    the ProtectedError is answered once in core with the kinds of records that hold it."""
    from unionhub.people.models import ModelWorker
    from unionhub.people.tests.samples import carevisit_in

    worker = carevisit_in("xiangshui").model_worker
    response = client_as("city_admin").post(f"/people/{worker.pk}/delete/", follow=True)
    assert response.status_code == 200
    text = response.content.decode()
    assert "已有" in text and "不能删除" in text, text
    assert ModelWorker.objects.filter(pk=worker.pk).exists()
