from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Site-specific account behaviour: names come from the sign-up form."""

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        user.full_name = " ".join(form.cleaned_data.get("full_name", "").split())
        user.email = user.email.lower()
        if commit:
            user.save()
        return user

    def post_login(self, request, user, **kwargs):
        """After logging in, the site speaks the member's preferred language."""
        from django.conf import settings

        response = super().post_login(request, user, **kwargs)
        language = getattr(user, "preferred_language", "")
        if response is not None and language in dict(settings.LANGUAGES):
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                samesite="Lax",
                secure=settings.LANGUAGE_COOKIE_SECURE,
            )
        return response
