from django.urls import path

from . import views

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("news/", views.NewsView.as_view(), name="news"),
    path("news/<slug:section>/", views.SectionView.as_view(), name="section"),
    path("news/<slug:section>/<slug:slug>/", views.article_detail, name="article"),
    path("authors/<slug:slug>/", views.AuthorView.as_view(), name="author"),
    path("tags/<slug:slug>/", views.TagView.as_view(), name="tag"),
    path("corrections/", views.CorrectionsView.as_view(), name="corrections"),
    path("corrections/feed/", views.CorrectionsFeed(), name="corrections_feed"),
    path("preview/<str:token>/", views.shared_article, name="shared"),
]
