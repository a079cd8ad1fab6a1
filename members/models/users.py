"""People with an account: the user model and its e-mail-only manager."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


class EmailUserManager(UserManager):
    """Users sign in with their e-mail address; there is no username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        email = self.normalize_email(email).lower()
        user = self.model(email=email, **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person with an account: an official, an editor, a coordinator or platform staff.

    The member profile (role category, job title, interests, language, notification
    preferences, directory visibility) lives here too: one row per person, no extra query.
    """

    class RoleCategory(models.TextChoices):
        MAYOR = "mayor", _("Mayor")
        ASSESSOR = "assessor", _("Assessor")
        COUNCILLOR = "councillor", _("Councillor")
        MANAGER = "manager", _("Manager (dirigente)")
        OFFICER = "officer", _("Officer (funzionario)")
        THIRD_SECTOR = "third_sector", _("Third-sector body")
        OTHER = "other", _("Other")

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    role_category = models.CharField(
        _("role"),
        max_length=32,
        choices=RoleCategory.choices,
        blank=True,
        help_text=_("Political (mayor, assessor, councillor), technical (manager, officer)..."),
    )
    job_title = models.CharField(
        _("job title"),
        max_length=200,
        blank=True,
        help_text=_("E.g. Officer of the Office for participation and commons."),
    )
    interests = models.ManyToManyField(
        "practices.Theme",
        blank=True,
        related_name="interested_users",
        verbose_name=_("areas of interest"),
        help_text=_("Themes you follow: we suggest practices and exchanges on them."),
    )
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="it",
        help_text=_("Language of the site and of the e-mails we send you."),
    )
    visible_in_directory = models.BooleanField(
        _("visible on my organisation's page"),
        default=False,
        help_text=_("Show your name, role and job title on your organisation's public page."),
    )
    notify_reminders = models.BooleanField(
        _("reminders of my sessions and meetings"),
        default=True,
        help_text=_("A reminder by e-mail before the sessions and meetings you registered for."),
    )
    notify_communities = models.BooleanField(
        _("news of my communities"),
        default=True,
        help_text=_("New meetings, minutes and discussions in the communities you joined."),
    )
    notify_new_content = models.BooleanField(
        _("new practices and exchanges on my themes"),
        default=False,
        help_text=_("An e-mail when something is published on your areas of interest."),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = EmailUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["full_name", "email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return (self.full_name.split(" ")[0] if self.full_name else "") or self.email

    def save(self, *args, **kwargs):
        # Keep first/last name (used by Wagtail's admin) in step with the single full name.
        if self.full_name and not (self.first_name or self.last_name):
            first, _sep, last = self.full_name.partition(" ")
            self.first_name, self.last_name = first[:150], last[:150]
        super().save(*args, **kwargs)
