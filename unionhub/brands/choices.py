from django.db import models
from django.utils.translation import gettext_lazy as _


class BrandStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    PUBLISHED = "published", _("Published")
    RETURNED = "returned", _("Returned for revision")


#: the states in which the county may still change the brand and its indicators
EDITABLE = (BrandStatus.DRAFT, BrandStatus.RETURNED)
