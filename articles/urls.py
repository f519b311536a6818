from django.urls import path
from django.views.decorators.http import conditional_page

from . import feeds, views

app_name = "articles"


def feed_paths(route, feed_class, name):
    """The RSS feed at `route`, and the same feed in Atom at `route` + atom/."""
    return [
        path(route, conditional_page(feed_class()), name=name),
        path(f"{route}atom/", conditional_page(feeds.atom(feed_class)()), name=f"{name}-atom"),
    ]


urlpatterns = [
    path("", views.home, name="home"),
    path("news/", views.NewsView.as_view(), name="news"),
    path("news/<slug:section>/", views.SectionView.as_view(), name="section"),
    path("news/<slug:section>/<slug:slug>/", views.article_detail, name="article"),
    path("read/<int:pk>/", views.count_read, name="read"),
    path("authors/<slug:slug>/", views.AuthorView.as_view(), name="author"),
    path("tags/<slug:slug>/", views.TagView.as_view(), name="tag"),
    path("corrections/", views.CorrectionsView.as_view(), name="corrections"),
    path("corrections/feed/", views.CorrectionsFeed(), name="corrections_feed"),
    path("preview/<signed:token>/", views.shared_article, name="shared"),
    path("search/", views.search_page, name="search"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", views.sitemap_index, name="sitemap-index"),
    path("sitemap-<slug:section>.xml", views.sitemap, name="sitemap"),
    *feed_paths("feeds/latest/", feeds.ArticleFeed, "feed"),
    *feed_paths("feeds/sections/<slug:slug>/", feeds.SectionFeed, "section-feed"),
    *feed_paths("feeds/authors/<slug:slug>/", feeds.AuthorFeed, "author-feed"),
    *feed_paths("feeds/tags/<slug:slug>/", feeds.TagFeed, "tag-feed"),
]
