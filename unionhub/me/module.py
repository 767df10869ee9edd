"""我的: the worker's own phone page (contract.md "Phone pages"). It owns no records: it reads
the worker's member card, points, sign-ins and the station finder from their modules."""

from unionhub.core.urlgen import page
from unionhub.me import views

pages = [
    page("", views.MeView, "home"),
    page("code.svg", views.MyCodeView, "code"),
]
