from django.utils.translation import gettext_lazy as _

from unionhub.core.modules import ModuleConfig


class {camel}Config(ModuleConfig):
    name = "unionhub.{label}"
    verbose_name = _("{title}")
