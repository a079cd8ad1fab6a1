"""Side effects that must follow a framework event (allauth's), never the rule itself."""

from allauth.account.signals import email_confirmed
from django.dispatch import receiver

from members.services import notify_request_after_verification


@receiver(email_confirmed, dispatch_uid="members-request-after-verification")
def request_reaches_organisation_after_verification(sender, email_address, **kwargs) -> None:
    # A membership request reaches the organisation only from a verified address.
    notify_request_after_verification(email_address)
