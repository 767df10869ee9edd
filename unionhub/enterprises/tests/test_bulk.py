"""Bulk actions on the enterprise list: edit, export, delete — ticked rows or the whole
filter, confirmation first, per-record rules and refusals, scope and permissions."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from python_calamine import CalamineWorkbook

from unionhub.core.models import ChangeRecord
from unionhub.enterprises.models import Enterprise
from unionhub.enterprises.tests.factories import make_enterprise, make_union

pytestmark = pytest.mark.django_db

LIST = "/enterprises/"


@pytest.fixture
def jianhu(demo):
    """Six 建湖 enterprises (the last one covered by a union) and three in 响水."""
    ents = [
        make_enterprise(county="320925", employees=30, founded_on=dt.date(2018, 1, 1))
        for _ in range(6)
    ]
    make_union([ents[5]])
    others = [make_enterprise(county="320921") for _ in range(3)]
    return ents, others


def test_list_offers_only_the_actions_the_user_may_run(jianhu, client_as):
    admin = client_as("jianhu_admin").get(LIST)
    assert [a.key for a in admin.context["bulk_actions"]] == ["edit", "export", "delete"]
    assert 'name="pk"' in admin.content.decode()
    town = client_as("jianhu_town").get(LIST)
    # a town cadre may edit enterprises but neither export nor delete them
    assert [a.key for a in town.context["bulk_actions"]] == ["edit"]


def test_edit_ticked_rows_after_confirmation(jianhu, client_as):
    ents, _others = jianhu
    client = client_as("jianhu_admin")
    ticked = {"action": "edit", "pk": [ents[0].pk, ents[1].pk]}
    confirm = client.post(LIST, ticked)
    assert confirm.status_code == 200 and confirm.context["count"] == 2
    assert Enterprise.objects.filter(operating_status="closed").count() == 0

    done = client.post(
        LIST,
        {**ticked, "confirm": "1", "operating_status": "closed", "is_high_profile": "1"},
    )
    assert done.status_code == 302 and done.url == LIST
    changed = Enterprise.objects.filter(pk__in=ticked["pk"])
    assert {e.operating_status for e in changed} == {"closed"}
    assert all(e.is_high_profile for e in changed)
    # fields left "(unchanged)" stay as they were; untouched rows stay as they were
    assert Enterprise.objects.get(pk=ents[2].pk).operating_status == "operating"
    # each record went through the service: one audit entry per record
    assert (
        ChangeRecord.objects.filter(
            model_name="enterprise", object_id__in=[str(p) for p in ticked["pk"]], action="update"
        ).count()
        == 2
    )


def test_edit_with_nothing_filled_in_changes_nothing(jianhu, client_as):
    ents, _others = jianhu
    client = client_as("jianhu_admin")
    response = client.post(LIST, {"action": "edit", "pk": [ents[0].pk], "confirm": "1"})
    assert response.status_code == 302
    assert [m.level_tag for m in response.wsgi_request._messages] == ["error"]
    assert not ChangeRecord.objects.filter(
        model_name="enterprise", object_id=str(ents[0].pk), action="update"
    ).exists()


def test_all_matching_the_filter_stays_in_scope(jianhu, client_as):
    ents, others = jianhu
    client = client_as("jianhu_admin")
    # posted ids of another county are ignored: they are not in this user's list
    client.post(
        LIST,
        {
            "action": "edit",
            "pk": [o.pk for o in others],
            "confirm": "1",
            "is_head_enterprise": "1",
        },
    )
    assert not Enterprise.objects.filter(is_head_enterprise=True).exists()
    # "all matching the filter" = the scoped, filtered list (here: the whole county)
    client.post(
        LIST + "?region=320925",
        {"action": "edit", "all": "1", "confirm": "1", "is_head_enterprise": "1"},
    )
    assert set(Enterprise.objects.filter(is_head_enterprise=True)) == set(ents)


def test_delete_skips_records_others_depend_on_with_the_reason(jianhu, client_as):
    ents, _others = jianhu
    client = client_as("jianhu_admin")
    ids = [ents[4].pk, ents[5].pk]
    confirm = client.post(LIST, {"action": "delete", "pk": ids})
    assert confirm.status_code == 200 and 'data-testid="bulk-confirm"' in confirm.content.decode()
    response = client.post(LIST, {"action": "delete", "pk": ids, "confirm": "1"}, follow=True)
    body = response.content.decode()
    assert not Enterprise.objects.filter(pk=ents[4].pk).exists()
    assert Enterprise.objects.filter(pk=ents[5].pk).exists()  # covered by a union
    assert "已删除 1 条记录" in body and "1 条记录未处理" in body and ents[5].name in body


def test_export_selected_rows(jianhu, client_as):
    ents, _others = jianhu
    response = client_as("jianhu_admin").post(
        LIST, {"action": "export", "pk": [ents[0].pk, ents[3].pk]}
    )
    assert response.status_code == 200
    book = CalamineWorkbook.from_filelike(io.BytesIO(b"".join(response.streaming_content)))
    rows = book.get_sheet_by_index(0).to_python()[1:-1]  # below the title, above 合计
    assert rows[0][1] == "企业名称"
    assert sorted(r[1] for r in rows[1:]) == sorted([ents[0].name, ents[3].name])


def test_actions_need_their_permission(jianhu, client_as):
    ents, _others = jianhu
    town = client_as("jianhu_town")
    assert town.post(LIST, {"action": "delete", "pk": [ents[0].pk]}).status_code == 403
    assert town.post(LIST, {"action": "nonsense", "pk": [ents[0].pk]}).status_code == 400


def test_nothing_ticked_is_a_clear_message(jianhu, client_as):
    response = client_as("jianhu_admin").post(LIST, {"action": "edit"}, follow=True)
    assert "请先勾选记录" in response.content.decode()


def test_list_with_bulk_column_keeps_constant_queries(
    jianhu, client_as, django_assert_max_num_queries
):
    client = client_as("jianhu_admin")
    client.get(LIST)
    with django_assert_max_num_queries(16):
        client.get(LIST, {"page_size": 2})
    with django_assert_max_num_queries(16):
        client.get(LIST, {"page_size": 500})


def test_confirmation_page_url_keeps_the_filter(jianhu, client_as):
    response = client_as("jianhu_admin").post(
        reverse("enterprises:enterprise_list") + "?region=320925", {"action": "edit", "all": "1"}
    )
    assert response.context["count"] == 6 and response.context["everything"]
    assert response.context["back"] == "/enterprises/?region=320925"
