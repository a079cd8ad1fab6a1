"""The one error convention of the use cases: a service that refuses raises a ``ServiceError``
(or a subclass naming the rule) carrying the HTTP status a view answers with and the message
the person reads, in her language. Views catch it and render the message with that status;
they never guess a status from an exception's type."""

from django.utils.translation import gettext_lazy as _


class ServiceError(Exception):
    status_code: int = 400
    default_message = _("The request could not be completed.")

    def __init__(self, message=None, status: int | None = None):
        self.message = message or self.default_message
        if status is not None:
            self.status_code = status
        super().__init__(str(self.message))

    @property
    def status(self) -> int:
        return self.status_code
