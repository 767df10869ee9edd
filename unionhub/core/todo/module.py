"""The to-do inbox: what the app adds to the platform (menu, pages, API)."""

from dataclasses import replace

from django.urls import path
from django.utils.translation import gettext_lazy as _

from unionhub.core.menu import page_item
from unionhub.core.todo import views
from unionhub.core.todo.api.views import TodoListAPIView
from unionhub.core.urlgen import page

# Beside the home page (group ""), the first thing after it.
menu = [replace(page_item("todo:list", _("My to-do"), icon="checklist", order=1), group="")]

pages = [
    page("", views.TodoListView, "list"),
    page("badge/", views.TodoBadgeView, "badge"),
]

api_urls = [path("todos/", TodoListAPIView.as_view(), name="todo-list")]
