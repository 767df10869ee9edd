"""``GET /api/v1/todos/``: the caller's open to-do items, overdue first, then by due."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import generics, permissions

from unionhub.core.todo.api.serializers import TodoItemSerializer
from unionhub.core.todo.registry import todo_list


@extend_schema(tags=["todos"])
class TodoListAPIView(generics.ListAPIView):
    """The caller's open to-do items from every module, paginated like every list; ordered
    overdue first, then by due."""

    scope_exempt = "items come from the providers, each scoped through visible_to"
    serializer_class = TodoItemSerializer
    permission_classes = [permissions.IsAuthenticated]
    filter_backends: list = []

    def get_queryset(self):
        return todo_list(user=self.request.user)
