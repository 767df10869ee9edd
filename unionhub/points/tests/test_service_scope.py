"""Every write service refuses an actor from another county (and writes nothing), refuses an
actor without the permission, and accepts the union's own chair: the services check scope
and permission themselves, whichever page, API or job calls them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from unionhub.core.testing.assertions import assert_invalid
from unionhub.points import services
from unionhub.points.models import (
    Appeal,
    Department,
    LedgerEntry,
    PointItem,
    Programme,
    Redemption,
    Reward,
    RulesVersion,
    Submission,
    Suggestion,
)
from unionhub.points.tests.conftest import World, evidence

pytestmark = pytest.mark.django_db


def _claim(w: World) -> Submission:
    return services.submission_create(
        actor=w.worker,
        account=w.account,
        item=w.items["safety_snapshot"],
        description="通道堆放物料",
        photo=evidence(),
    )


def _rejected(w: World) -> Submission:
    return services.submission_reject(actor=w.chair, submission=_claim(w), reason="不清楚")


def _order(w: World) -> Redemption:
    w.award(w.account, 100)
    return services.redemption_create(
        actor=w.worker, account=w.account, reward=w.reward, quantity=1
    )


def _suggestion(w: World, *, stage: str = "submitted") -> Suggestion:
    s = services.suggestion_submit(actor=w.worker, account=w.account, title="余热回收", content="c")
    if stage in {"evaluated", "adopted"}:
        s = services.suggestion_evaluate(
            actor=w.chair, suggestion=s, estimated_benefit=Decimal("100"), evaluation=""
        )
    if stage == "adopted":
        s = services.suggestion_decide(actor=w.chair, suggestion=s, adopt=True)
    return s


# name → (model whose row count must not change, prepare(world) -> call(actor))
WRITES: dict[str, tuple[type, Callable[[World], Callable]]] = {
    "programme_create": (
        Programme,
        lambda w: (
            lambda actor: services.programme_create(actor=actor, union=w.union, name="新计划")
        ),
    ),
    "programme_update": (
        Programme,
        lambda w: (
            lambda actor: services.programme_update(actor=actor, programme=w.programme, name="改名")
        ),
    ),
    "rules_version_add": (
        RulesVersion,
        lambda w: (
            lambda actor: services.rules_version_add(
                actor=actor, programme=w.programme, title="制度", effective_from=dt.date(2026, 1, 1)
            )
        ),
    ),
    "pointitem_create": (
        PointItem,
        lambda w: (
            lambda actor: services.pointitem_create(
                actor=actor,
                programme=w.programme,
                category=w.programme.categories.first(),
                code="new",
                name="新项目",
                points_min=1,
                points_max=2,
            )
        ),
    ),
    "reward_create": (
        Reward,
        lambda w: (
            lambda actor: services.reward_create(
                actor=actor, programme=w.programme, name="毛巾", cost=5, stock=1
            )
        ),
    ),
    "department_create": (
        Department,
        lambda w: (
            lambda actor: services.department_create(
                actor=actor, programme=w.programme, name="新车间"
            )
        ),
    ),
    "entry_adjust": (
        LedgerEntry,
        lambda w: (
            lambda actor: services.entry_adjust(
                actor=actor, account=w.account, points=5, reason="补记"
            )
        ),
    ),
    "entry_reverse": (
        LedgerEntry,
        lambda w: (
            lambda e: lambda actor: services.entry_reverse(actor=actor, entry=e, reason="错")
        )(w.award(w.account, 5)),
    ),
    "award_batch": (
        LedgerEntry,
        lambda w: (
            lambda actor: services.award_batch(
                actor=actor,
                programme=w.programme,
                item=w.items["culture_sports"],
                participants=["pts_worker"],
                points=5,
                activity="篮球赛",
            )
        ),
    ),
    "submission_approve": (
        LedgerEntry,
        lambda w: (
            lambda s: lambda actor: services.submission_approve(actor=actor, submission=s, points=3)
        )(_claim(w)),
    ),
    "submission_reject": (
        Appeal,  # nothing else is created; the status must stay pending (checked below)
        lambda w: (
            lambda s: (
                lambda actor: services.submission_reject(actor=actor, submission=s, reason="不清楚")
            )
        )(_claim(w)),
    ),
    "appeal_decide": (
        LedgerEntry,
        lambda w: (
            lambda a: (
                lambda actor: services.appeal_decide(actor=actor, appeal=a, uphold=True, points=3)
            )
        )(services.appeal_create(actor=w.worker, submission=_rejected(w), reason="补充")),
    ),
    "redemption_fulfil": (
        Redemption,
        lambda w: (lambda o: lambda actor: services.redemption_fulfil(actor=actor, order=o))(
            _order(w)
        ),
    ),
    "redemption_cancel": (
        LedgerEntry,
        lambda w: (lambda o: lambda actor: services.redemption_cancel(actor=actor, order=o))(
            _order(w)
        ),
    ),
    "suggestion_evaluate": (
        Suggestion,
        lambda w: (
            lambda s: (
                lambda actor: services.suggestion_evaluate(
                    actor=actor, suggestion=s, estimated_benefit=Decimal("5"), evaluation="可行"
                )
            )
        )(_suggestion(w)),
    ),
    "suggestion_decide": (
        Suggestion,
        lambda w: (
            lambda s: (
                lambda actor: services.suggestion_decide(actor=actor, suggestion=s, adopt=True)
            )
        )(_suggestion(w, stage="evaluated")),
    ),
    "suggestion_implement": (
        LedgerEntry,
        lambda w: (
            lambda s: (
                lambda actor: services.suggestion_implement(
                    actor=actor, suggestion=s, realized_benefit=Decimal("50000"), department=None
                )
            )
        )(_suggestion(w, stage="adopted")),
    ),
}


def _state(model: type) -> list:
    # Every row with its updated_at: a refused write must neither add nor change one.
    return list(model.objects.order_by("pk").values_list("pk", "updated_at"))


@pytest.mark.parametrize("name", sorted(WRITES))
def test_another_county_is_refused_and_nothing_is_written(world, user_named, name):
    model, prepare = WRITES[name]
    call = prepare(world)
    before = {m: _state(m) for m in (model, Submission, Suggestion, Redemption, Programme)}
    with pytest.raises(ValidationError) as exc:
        call(user_named("sheyang_admin"))  # holds every points permission, in 射阳
    assert_invalid(exc, field=None, code="out_of_scope")
    assert {m: _state(m) for m in before} == before


@pytest.mark.parametrize("name", sorted(WRITES))
def test_a_worker_without_the_permission_is_refused(world, name):
    model, prepare = WRITES[name]
    call = prepare(world)
    before = _state(model)
    with pytest.raises((PermissionDenied, ValidationError)) as exc:
        call(world.other)  # a worker of the same union
    if isinstance(exc.value, ValidationError):
        # workers see only their own rows: the union's records are not theirs
        assert_invalid(exc, field=None, code="out_of_scope")
    assert _state(model) == before


@pytest.mark.parametrize("name", sorted(WRITES))
def test_the_unions_reviewer_may(world, name):
    _model, prepare = WRITES[name]
    # the vice-chair: in scope, holding the permissions, and neither the original reviewer
    # nor the employee
    assert prepare(world)(world.vice) is not None


def test_a_worker_may_only_act_on_their_own_account(world):
    with pytest.raises(ValidationError) as exc:
        services.submission_create(
            actor=world.other,
            account=world.account,
            item=world.items["6s_snapshot"],
            description="替别人申报",
            photo=evidence(),
        )
    assert_invalid(exc, field=None, code="out_of_scope")
    with pytest.raises(ValidationError) as exc:
        services.suggestion_submit(actor=world.other, account=world.account, title="t", content="c")
    assert_invalid(exc, field=None, code="out_of_scope")
    assert not Submission.objects.exists() and not Suggestion.objects.exists()
