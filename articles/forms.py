from django import forms

from .models import Section
from .search import MAX_QUERY_LENGTH, Query


class DateInput(forms.DateInput):
    input_type = "date"


class SearchForm(forms.Form):
    """The reader's search: words, and optionally a section and a date range."""

    q = forms.CharField(
        label="Search for",
        required=False,
        widget=forms.SearchInput(attrs={"maxlength": MAX_QUERY_LENGTH}),
    )
    section = forms.ModelChoiceField(
        queryset=Section.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="All sections",
    )
    from_date = forms.DateField(label="Published from", required=False, widget=DateInput)
    to_date = forms.DateField(label="Published until", required=False, widget=DateInput)

    def clean(self):
        data = super().clean()
        start, end = data.get("from_date"), data.get("to_date")
        if start and end and start > end:
            self.add_error("to_date", "The end date must be on or after the start date.")
        return data

    def query(self):
        return Query.from_input(self.cleaned_data.get("q"))

    def has_filters(self):
        return any(self.cleaned_data.get(name) for name in ("section", "from_date", "to_date"))

    def filter(self, articles):
        data = self.cleaned_data
        if data.get("section"):
            articles = articles.filter(section=data["section"])
        if data.get("from_date"):
            articles = articles.published_on_or_after(data["from_date"])
        if data.get("to_date"):
            articles = articles.published_on_or_before(data["to_date"])
        return articles
