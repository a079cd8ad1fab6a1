"""The registration engine: register, cancel, approve, decline, promote, attendance, capacity.

One module per group of use cases (``registrations``, ``waitlist``, ``sessions``,
``permissions``; what they share is in ``_common``); this package re-exports every name the
other apps, the views and the tests use, so ``from events import services`` keeps working.

Every function that changes registrations runs in ``transaction.atomic()`` and first locks the
session row (``select_for_update``: a real row lock on PostgreSQL; on SQLite the IMMEDIATE
transaction mode of the settings takes the database write lock at BEGIN). Seats are counted
inside the transaction, so two people can never take the same last seat. A partial unique
constraint backs the "one active registration per person per session" rule. Every state change
writes a ``RegistrationEvent``; e-mails and the search index's free-seat figure are enqueued as
tasks after the transaction commits.
"""

from events.errors import (  # re-exported: views, clients and tests say services.NotAMember
    AlreadyRegistered,
    AlreadyRegisteredForOffer,
    AnswersRequired,
    DeadlinePassed,
    EngineBusy,
    InvalidCapacity,
    InvalidTransition,
    NotAMember,
    NotInCommunity,
    OrganisationCapReached,
    RegistrationError,
    RegistrationNotYetOpen,
    SessionNotOpen,
)
from events.locking import _lock_session, _lock_sessions, engine_transaction
from events.services._common import (
    DEFAULT_POLICY,
    Policy,
    Status,
    policy_of,
    seats_taken,
)
from events.services.permissions import can_manage_page, managed_organisation_ids
from events.services.registrations import (
    answer_followup,
    approve_registration,
    cancel_registration,
    change_date,
    decline_registration,
    mark_attendance,
    register_for_session,
    transfer_registration,
)
from events.services.sessions import (
    cancel_session,
    change_capacity,
    move_session,
    notify_session_changed,
)
from events.services.waitlist import (
    accept_seat_offer,
    decline_seat_offer,
    expire_seat_offers,
    fill_free_seats,
    promote_from_waitlist,
    sessions_with_free_seats_and_waiting,
)

__all__ = [
    "RegistrationError",
    "NotAMember",
    "SessionNotOpen",
    "RegistrationNotYetOpen",
    "DeadlinePassed",
    "AlreadyRegistered",
    "AlreadyRegisteredForOffer",
    "AnswersRequired",
    "OrganisationCapReached",
    "NotInCommunity",
    "InvalidTransition",
    "InvalidCapacity",
    "EngineBusy",
    "DEFAULT_POLICY",
    "Policy",
    "Status",
    "policy_of",
    "seats_taken",
    "can_manage_page",
    "managed_organisation_ids",
    "register_for_session",
    "cancel_registration",
    "change_date",
    "transfer_registration",
    "approve_registration",
    "decline_registration",
    "mark_attendance",
    "answer_followup",
    "promote_from_waitlist",
    "fill_free_seats",
    "accept_seat_offer",
    "decline_seat_offer",
    "expire_seat_offers",
    "sessions_with_free_seats_and_waiting",
    "notify_session_changed",
    "change_capacity",
    "cancel_session",
    "move_session",
    "engine_transaction",
    "_lock_session",
    "_lock_sessions",
]
