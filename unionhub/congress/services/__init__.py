"""Every write of the congress module (keyword-only, ``actor`` first, in a transaction,
rechecking the data scope after the save)."""

from unionhub.congress.services.meetings import *  # noqa: F403
from unionhub.congress.services.meetings import (  # noqa: F401
    congress_composition,
    entitled_to_vote,
)
from unionhub.congress.services.rating import *  # noqa: F403
from unionhub.congress.services.rating import refresh_current, rubric_in_force  # noqa: F401
