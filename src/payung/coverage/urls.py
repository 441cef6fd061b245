from django.urls import path

from payung.core.views import module

app_name = "coverage"
urlpatterns = [
    # Until the dashboard lands, the module's "not yet" page.
    path("", module, {"slug": "cakupan"}, name="dashboard"),
]
