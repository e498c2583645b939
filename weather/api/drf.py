"""Our adjustments to DRF's defaults, for clients that send what no browser would."""

from rest_framework import exceptions, metadata, pagination, parsers


class JSONParser(parsers.JSONParser):
    """DRF's parser, with a body nested past Python's recursion limit ("[[[[…") answered as
    malformed JSON like any other, instead of a RecursionError and a 500."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise exceptions.ParseError("JSON parse error - nested too deeply.") from None


class DescriptionMetadata(metadata.SimpleMetadata):
    """OPTIONS answers the view's name, description and media types. DRF's default also
    describes the fields a POST takes, from a `serializer_class` our views do not have
    (the OpenAPI schema at /api/v1/schema/ is where the fields are documented)."""

    def determine_metadata(self, request, view):
        return {
            "name": view.get_view_name(),
            "description": view.get_view_description(),
            "renders": [renderer.media_type for renderer in view.renderer_classes],
            "parses": [parser.media_type for parser in view.parser_classes],
        }


class SearchCursorPagination(pagination.CursorPagination):
    """Keyset pages of the search history, newest first: no COUNT(*) and no OFFSET, so a page
    deep in the history costs what the first one does. `next` and `previous` are the links
    (an opaque `cursor`); ties on created_at are told apart by the cursor's offset."""

    page_size = 20
    ordering = ("-created_at", "-id")
