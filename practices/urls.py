from django.urls import path

from practices.api import api_router

urlpatterns = [path("api/v2/", api_router.urls)]
