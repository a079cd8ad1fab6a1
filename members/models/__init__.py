"""People and who they belong to: users, the organisation register, ownership of content.

One module each (users, places, organisations); every name is importable from here, as the
migrations and ``AUTH_USER_MODEL = "members.User"`` expect.
"""

from members.models.organisations import (
    ISTAT_CODE_PATTERNS,
    LOGO_EXTENSIONS,
    LOGO_MAX_BYTES,
    LOGO_MAX_PIXELS,
    SIZE_BOUNDS,
    Membership,
    Organisation,
    OwnedByOrganisation,
    SizeClass,
    owned_page_models,
    validate_logo_size,
)
from members.models.places import Province, Region
from members.models.users import EmailUserManager, User

__all__ = [
    "ISTAT_CODE_PATTERNS",
    "LOGO_EXTENSIONS",
    "LOGO_MAX_BYTES",
    "LOGO_MAX_PIXELS",
    "SIZE_BOUNDS",
    "EmailUserManager",
    "Membership",
    "Organisation",
    "OwnedByOrganisation",
    "Province",
    "Region",
    "SizeClass",
    "User",
    "owned_page_models",
    "validate_logo_size",
]
