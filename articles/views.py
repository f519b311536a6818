from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.views.generic import ListView
from taggit.models import Tag

from .frontpage import build_front_page
from .models import Article, Author, Byline, Section

PAGE_SIZE = 20


class TeaserListView(ListView):
    """A paginated list of public teasers; a bad or out-of-range ?page never errors."""

    paginate_by = PAGE_SIZE
    template_name = "articles/teaser_list.html"
    heading = ""

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
        return super().get_context_data(section=self.section, **kwargs)


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
    def filter_articles(self, articles):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        self.heading = f"Tagged: {self.tag.name}"
        return articles.filter(tags=self.tag)


def home(request):
    return render(request, "articles/home.html", {"front": build_front_page()})


def article_detail(request, section, slug):
    article = get_object_or_404(
        Article.objects.published()
        .select_related("section", "lead_image")
        .prefetch_related(
            Prefetch("bylines", queryset=Byline.objects.select_related("author")),
            "tags",
            "corrections",
            "questions",
        ),
        slug=slug,
    )
    if article.section.slug != section:
        return redirect(article, permanent=True)
    return render(
        request,
        "articles/article.html",
        {"article": article, "related": article_related(article)},
    )


def article_related(article, limit=4):
    """Editor-picked related pieces first, then the newest from the same section."""
    public = (
        Article.objects.published()
        .select_related("section")
        .only("title", "slug", "publish_at", "section__slug", "section__name")
    )
    picked = list(public.filter(related_from=article).newest_first()[:limit])
    if len(picked) < limit:
        exclude = [article.pk, *(a.pk for a in picked)]
        picked += list(
            public.filter(section=article.section_id)
            .exclude(pk__in=exclude)
            .newest_first()[: limit - len(picked)]
        )
    return picked
