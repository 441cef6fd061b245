from django.urls import path

from payung.core.views import module

app_name = "linkage"
urlpatterns = [
    # Until the link-quality page lands, the module's "not yet" page.
    path("", module, {"slug": "kepesertaan"}, name="quality"),
]
