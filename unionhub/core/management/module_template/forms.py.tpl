from unionhub.core.forms import ScopedModelForm
from unionhub.{label}.models import {upper}_FIELDS, {model}


class {model}Form(ScopedModelForm):
    class Meta:
        model = {model}
        fields = {upper}_FIELDS
