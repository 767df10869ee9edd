from rest_framework import serializers

from unionhub.{label}.models import {upper}_FIELDS, {model}


class {model}Serializer(serializers.ModelSerializer):
    region = serializers.SlugRelatedField(slug_field="code", queryset={model}._meta.get_field(
        "region").related_model.objects.all())

    class Meta:
        model = {model}
        fields = ("id", *{upper}_FIELDS)
