"""The admin's autocomplete answers, with a thumbnail for each image so that editors pick a
picture by sight (articles/static/articles/image_picker.js shows it)."""

from django.contrib.admin.views.autocomplete import AutocompleteJsonView

from .models import Image


class PictureAutocompleteJsonView(AutocompleteJsonView):
    def serialize_result(self, obj, to_field_name):
        result = super().serialize_result(obj, to_field_name)
        if isinstance(obj, Image):
            result["thumbnail"] = obj.rendition("thumb")["url"]
        return result
