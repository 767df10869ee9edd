from rest_framework import serializers

from unionhub.core.notifications.models import Notification


class NotificationSerializer(serializers.ModelSerializer):
    read = serializers.SerializerMethodField()

    class Meta:
        model = Notification
        fields = ["id", "kind", "title", "body", "url", "created_at", "read_at", "read"]
        read_only_fields = fields

    def get_read(self, obj: Notification) -> bool:
        return obj.read_at is not None


class ReadAllSerializer(serializers.Serializer):
    marked = serializers.IntegerField(read_only=True)
