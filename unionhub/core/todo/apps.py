from django.utils.translation import gettext_lazy as _

from unionhub.core.modules import ModuleConfig, consume


class TodoConfig(ModuleConfig):
    name = "unionhub.core.todo"
    label = "todo"
    verbose_name = _("To-do")
    menu_group = ""

    def ready(self) -> None:
        from unionhub.core.todo import registry

        # Every module's ``todos.PROVIDERS``, whatever the order of INSTALLED_APPS.
        consume("todo_providers", registry.register_declared)
        super().ready()
