"""The engine's refusals: each names a rule and carries its HTTP status and the message the
person reads (``core.errors.ServiceError``). Re-exported by ``events.services``."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core.errors import ServiceError

# --- Errors -------------------------------------------------------------------------------------


class RegistrationError(ServiceError):
    """A rule of the engine refused the request. ``message`` is shown to the person."""

    status_code = 400
    default_message = _("The registration could not be changed.")


class NotAMember(RegistrationError):
    status_code = 403
    default_message = _(
        "Only members with a confirmed organisation can register. Ask your organisation's "
        "administrator to confirm your membership."
    )


class SessionNotOpen(RegistrationError):
    status_code = 409
    default_message = _("This session is not taking registrations.")


class RegistrationNotYetOpen(RegistrationError):
    status_code = 409
    default_message = _("Registration for this session has not opened yet.")


class DeadlinePassed(RegistrationError):
    status_code = 409
    default_message = _("The registration deadline for this session has passed.")


class AlreadyRegistered(RegistrationError):
    status_code = 409
    default_message = _("You are already registered for this session.")


class AlreadyRegisteredForOffer(RegistrationError):
    status_code = 409
    default_message = _(
        "The dates of this exchange are alternatives and you are already registered for "
        "another one. Cancel that registration first if you want to change date."
    )


class OrganisationCapReached(RegistrationError):
    status_code = 409
    default_message = _(
        "Your organisation has already reached the number of people it may register for this "
        "session."
    )


class NotInCommunity(RegistrationError):
    status_code = 403
    default_message = _(
        "Only the members of the community can register for its meetings. Join the community "
        "first: its page has the button."
    )


class AnswersRequired(RegistrationError):
    default_message = _(
        "Answer the registration questions (and tick the required consents) to register."
    )


class InvalidTransition(RegistrationError):
    status_code = 409
    default_message = _("This registration cannot be changed that way in its current state.")


class InvalidCapacity(RegistrationError):
    default_message = _("The number of seats must be a whole number, zero or more.")


class EngineBusy(RegistrationError):
    """The sessions stayed locked by other requests past the lock timeout, or the database
    kept refusing (deadlock, serialisation failure) after the retries."""

    status_code = 409
    default_message = _(
        "Many people are registering right now: nothing was changed. Please try again in a moment."
    )
