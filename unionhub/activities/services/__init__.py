"""Every write of the module: keyword-only, the acting user named ``actor``, in a
transaction, rechecking that what was written stays inside the actor's data scope."""

from unionhub.activities.services.activities import (
    activity_create,
    activity_delete,
    activity_recount,
    activity_update,
    photo_add,
    photo_delete,
    photo_update,
    visittarget_create,
    visittarget_delete,
    visittarget_update,
)
from unionhub.activities.services.culture import (
    performer_create,
    performer_delete,
    performer_update,
    programme_create,
    programme_delete,
    programme_update,
    seasonplan_create,
    seasonplan_delete,
    seasonplan_update,
    show_create,
    show_delete,
    show_update,
)
from unionhub.activities.services.signins import SignInResult, signin_delete, signin_record

__all__ = [
    "SignInResult",
    "activity_create",
    "activity_delete",
    "activity_recount",
    "activity_update",
    "performer_create",
    "performer_delete",
    "performer_update",
    "photo_add",
    "photo_delete",
    "photo_update",
    "programme_create",
    "programme_delete",
    "programme_update",
    "seasonplan_create",
    "seasonplan_delete",
    "seasonplan_update",
    "show_create",
    "show_delete",
    "show_update",
    "signin_delete",
    "signin_record",
    "visittarget_create",
    "visittarget_delete",
    "visittarget_update",
]
