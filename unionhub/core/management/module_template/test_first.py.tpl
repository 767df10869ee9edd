"""First behaviour of the module: a county administrator keeps records of their county."""

import pytest

from unionhub.{label} import services
from unionhub.{label}.models import {model}
from unionhub.{label}.tests.samples import _town


@pytest.mark.django_db
def test_county_admin_creates_in_own_county_and_not_in_another(user_named):
    admin = user_named("sheyang_admin")
    created = services.{model_lower}_create(actor=admin, name="射阳一条", region=_town("sheyang"))
    assert {model}.objects.visible_to(admin).filter(pk=created.pk).exists()
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as caught:
        services.{model_lower}_create(actor=admin, name="响水一条", region=_town("xiangshui"))
    assert caught.value.error_dict["region"][0].code == "out_of_scope"
