"""{title}: what the module adds to the platform (menu, grants, pages, API, …)."""

from unionhub.core.menu import model_item
from unionhub.{label}.api.views import {model}ViewSet

menu = [model_item("{label}.{model_lower}", icon="list", order=1000)]

role_grants = {{
    "city_admin": ["{label}.*"],
    "county_admin": ["{label}.*"],
    "town_cadre": ["{label}.view_*"],
}}

api_routes = [("{label}/{model_lower}s", {model}ViewSet, "{label}-{model_lower}")]
