from django.urls import path

from unionhub.accounts.api.views import TokenObtainView

urlpatterns = [path("auth/token/", TokenObtainView.as_view(), name="api-token")]
