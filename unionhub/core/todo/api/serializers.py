from rest_framework import serializers


class TodoItemSerializer(serializers.Serializer):
    """One open to-do item (contract.md "To-do")."""

    kind = serializers.CharField(
        read_only=True, help_text="provider code, e.g. points.submission_review"
    )
    module = serializers.CharField(read_only=True, help_text="app label of the module")
    title = serializers.CharField(read_only=True)
    due = serializers.DateTimeField(
        read_only=True,
        allow_null=True,
        help_text="deadline; a due date counts until the end of that day (Asia/Shanghai)",
    )
    overdue = serializers.BooleanField(read_only=True)
    url = serializers.CharField(read_only=True, help_text="page of the record or its action")
