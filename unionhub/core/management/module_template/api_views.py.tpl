from unionhub.core.api import ScopedModelViewSet
from unionhub.{label}.api.serializers import {model}Serializer
from unionhub.{label}.models import {model}
from unionhub.{label}.views import SERVICES


class {model}ViewSet(ScopedModelViewSet):
    queryset = {model}.objects.all()
    serializer_class = {model}Serializer
    select_related = ("region",)
    services = SERVICES
