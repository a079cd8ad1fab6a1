import factory
from allauth.account.models import EmailAddress

from members.models import Organisation, Region, User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@comune.example.it")
    full_name = factory.Faker("name", locale="it_IT")
    password = factory.PostGenerationMethodCall("set_password", "a-long-test-password")

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        if create:
            self.save()
            EmailAddress.objects.get_or_create(
                user=self, email=self.email, defaults={"verified": True, "primary": True}
            )


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("istat_code",)

    istat_code = "08"
    name = "Emilia-Romagna"
    slug = "emilia-romagna"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("slug",)

    kind = Organisation.Kind.MUNICIPALITY
    name = factory.Sequence(lambda n: f"Comune di Esempio {n}")
    slug = factory.Sequence(lambda n: f"comune-di-esempio-{n}")
    region = factory.SubFactory(RegionFactory)
