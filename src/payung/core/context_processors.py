from typing import Any

from django.http import HttpRequest

from payung.accounts.permissions import may
from payung.core.modules import modules_for
from payung.imports.selectors import kinds_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_modules": [], "can_import": False, "can_two_factor": False}
    return {
        "nav_modules": modules_for(user.role),
        "can_import": bool(kinds_for(user)),
        "can_two_factor": may(user, "accounts.two_factor"),
    }
