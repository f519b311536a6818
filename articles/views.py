from datetime import datetime, time

from django.contrib.sitemaps import views as sitemap_views
from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import conditional_page, require_POST, require_safe
from django.views.generic import ListView
from taggit.models import Tag

from . import popularity, search, seo, visitors
from .article_page import article_page, public_article
from .cache_params import cache_page_params
from .forms import SearchForm
from .frontpage import build_front_page
from .models import (
    Article,
    Author,
    Correction,
    Section,
    ShareLink,
    ShareLinkOpening,
)
from .related import related_articles
from .sitemaps import SITEMAPS

PAGE_SIZE = 20


class TeaserListView(ListView):
    """A paginated list of public teasers; a bad or out-of-range ?page never errors."""

    paginate_by = PAGE_SIZE
    template_name = "articles/teaser_list.html"
    heading = ""
    cache_page_params = ("page",)

    def get_queryset(self):
        return self.filter_articles(Article.objects.published()).for_teasers().newest_first()

    def filter_articles(self, articles):
        return articles

    def paginate_queryset(self, queryset, page_size):
        paginator = Paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get("page"))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        return super().get_context_data(heading=self.heading, **kwargs)


class NewsView(TeaserListView):
    heading = "Latest news"


class SectionView(TeaserListView):
    template_name = "articles/section.html"

    def filter_articles(self, articles):
        self.section = get_object_or_404(Section, slug=self.kwargs["section"])
        self.heading = self.section.name
        return articles.filter(section=self.section)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            section=self.section,
            structured_data=seo.section_structured_data(self.section),
            **kwargs,
        )


class AuthorView(TeaserListView):
    template_name = "articles/author.html"

    def filter_articles(self, articles):
        self.author = get_object_or_404(
            Author.objects.select_related("headshot"), slug=self.kwargs["slug"]
        )
        self.heading = self.author.name
        return articles.filter(bylines__author=self.author)

    def get_context_data(self, **kwargs):
        return super().get_context_data(author=self.author, **kwargs)


class TagView(TeaserListView):
    template_name = "articles/tag.html"

    def filter_articles(self, articles):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        self.heading = f"Tagged: {self.tag.name}"
        return articles.filter(tags=self.tag)

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)


@cache_page_params()
def home(request):
    # Callables, so that the template asks for them only when its cached fragment is missing.
    return render(
        request,
        "articles/home.html",
        {
            "front_page": build_front_page,
            "most_read": popularity.most_read,
            "structured_data": seo.home_structured_data(),
        },
    )


# The comments composed into the page read which page of them to show and which to reply to.
@cache_page_params("comments", "reply_to")
def article_detail(request, section, slug):
    article = public_article(slug)
    if article is None:
        raise Http404("No such article.")
    if article.section.slug != section:
        return redirect(article, permanent=True)
    return render_article(request, article)


@csrf_exempt
@require_POST
@never_cache
def count_read(request, pk):
    """A reader's browser showed a public article (static/articles/read.js): count the read.

    The page carries no CSRF token (it is cached for every reader), so only a request that
    the browser says came from our own pages counts, as for comments.
    """
    sent_by_browser = "Origin" in request.headers or "Sec-Fetch-Site" in request.headers
    if not sent_by_browser or visitors.is_cross_site(request):
        return HttpResponseForbidden()
    if not Article.objects.published().filter(pk=pk).exists():
        raise Http404("No such article.")
    popularity.record_view(request, pk)
    return HttpResponse(status=204)


def render_article(request, article, *, preview=None, shared=None):
    """The reader's article page; a preview or share link adds a banner and stays unindexed."""
    unpublished = bool(preview or shared)
    if unpublished:
        article = article_page(Article.objects.all()).get(pk=article.pk)
    return render(
        request,
        "articles/article.html",
        {
            "article": article,
            # Callables, so that the template asks for them only when its cached block is missing.
            "related": lambda: related_articles(article),
            "most_read": popularity.most_read,
            # No structured data for pieces that are not public yet: nothing to index.
            "structured_data": None if unpublished else seo.article_structured_data(article),
            "preview": preview,
            "shared": shared,
        },
    )


@never_cache
def shared_article(request, token):
    """An unpublished article for an outsider holding a share link; 404 once it stops working."""
    link = ShareLink.open(token)
    if link is None:
        raise Http404("This link does not work.")
    ShareLinkOpening.objects.create(
        link=link, user_agent=request.headers.get("User-Agent", "")[:300]
    )
    response = render_article(request, link.article, shared=link)
    response["X-Robots-Tag"] = "noindex, nofollow"
    # The secret URL never leaves for another site; posts back to our own pages still carry
    # their origin, which the CSRF check needs (no-referrer makes browsers send Origin: null).
    response["Referrer-Policy"] = "same-origin"
    return response


def public_corrections():
    return (
        Correction.objects.filter(article__in=Article.objects.published())
        .select_related("article__section")
        .order_by("-published_on", "-pk")
    )


class CorrectionsView(ListView):
    """Every correction, clarification and update on a public article, newest first."""

    template_name = "articles/corrections.html"
    paginate_by = PAGE_SIZE
    cache_page_params = ("page",)

    def get_queryset(self):
        return public_corrections()

    def paginate_queryset(self, queryset, page_size):
        paginator = Paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get("page"))
        return paginator, page, page.object_list, page.has_other_pages()


class CorrectionsFeed(Feed):
    feed_type = Rss201rev2Feed
    title = "Corrections and clarifications"
    link = reverse_lazy("articles:corrections")
    description = "Corrections, clarifications and updates to our articles, newest first."

    def items(self):
        return public_corrections()[:PAGE_SIZE]

    def item_title(self, correction):
        return f"{correction.get_kind_display()}: {correction.article.title}"

    def item_description(self, correction):
        return correction.text

    def item_link(self, correction):
        return correction.get_absolute_url()

    def item_guid(self, correction):
        return reverse("articles:corrections") + f"#correction-{correction.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, correction):
        return timezone.make_aware(datetime.combine(correction.published_on, time(9)))


@cache_page_params(*SearchForm.base_fields, "page")
def search_page(request):
    """Search public articles; any input gives a page, never an error."""
    form = SearchForm(request.GET or None)
    context = {"form": form}
    if form.is_bound and form.is_valid():
        query = form.query()
        if query or form.has_filters():
            articles = form.filter(Article.objects.published().for_teasers())
            results = search.find(query, articles, request.GET.get("page"))
            context.update(query=query, results=results, page_obj=results.page)
    return render(request, "articles/search.html", context)


@cache_page_params()
@require_safe
def robots_txt(request):
    sitemaps = [
        seo.absolute_url(reverse("articles:sitemap-index")),
        seo.absolute_url(reverse("articles:sitemap", kwargs={"section": "news"})),
    ]
    return render(request, "robots.txt", {"sitemaps": sitemaps}, content_type="text/plain")


@cache_page_params()
@conditional_page
def sitemap_index(request):
    return sitemap_views.index(
        request,
        SITEMAPS,
        template_name="sitemaps/index.xml",
        sitemap_url_name="articles:sitemap",
    )


@cache_page_params("p")  # Django's sitemap view pages with ?p=
@conditional_page
def sitemap(request, section):
    template = "sitemaps/news.xml" if section == "news" else "sitemaps/sitemap.xml"
    return sitemap_views.sitemap(request, SITEMAPS, section=section, template_name=template)
