from __future__ import annotations

from unionhub.core.audit import record_change


def on_login(sender, request, user, **kwargs):
    from unionhub.accounts import security

    record_change(obj=user, action="login", actor=user)
    if request is not None:
        security.login_record(user=user, request=request, success=True)
        security.session_started(user=user, request=request)


def on_logout(sender, request, user, **kwargs):
    from unionhub.accounts import security

    if user is not None:
        record_change(obj=user, action="logout", actor=user)
    if request is not None:
        security.session_ended(request=request)


def on_login_failed(sender, credentials, request=None, **kwargs):
    from unionhub.accounts.models import User

    username = str(credentials.get("username", ""))[:150]
    # Scope the entry to the account's organisation, so its county's admins see it.
    user = User.objects.select_related("org_unit").filter(username=username).first()
    org_path = user.org_unit.path if user is not None and user.org_unit else ""
    record_change(model=User, action="login_failed", note=username, org_path=org_path)
    if request is not None:
        from unionhub.accounts import security

        security.login_record(user=user, request=request, success=False, username=username)


def ensure_builtin_roles(sender, **kwargs):
    from django.db import connection

    from unionhub.accounts.models import Role

    if Role._meta.db_table not in connection.introspection.table_names():
        return
    from unionhub.accounts.services import ensure_builtin_roles as ensure

    ensure(actor=None)  # the platform itself, after migrate
