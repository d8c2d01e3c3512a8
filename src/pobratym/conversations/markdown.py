"""Messages are Markdown: rendered without raw HTML, then sanitised, so no text a person
writes can run in another person's browser."""

from functools import lru_cache

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}
ABSOLUTE_PREFIXES = tuple(f"{scheme}:" for scheme in ALLOWED_SCHEMES)
# A heading in a message is never a heading of the page: # becomes h4, below its own.
HEADING_SHIFT = 3


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})

    def shifted_heading(renderer, tokens, index, options, env):
        token = tokens[index]
        token.tag = f"h{min(int(token.tag[1]) + HEADING_SHIFT, 6)}"
        return renderer.renderToken(tokens, index, options, env)

    parser.add_render_rule("heading_open", shifted_heading)
    parser.add_render_rule("heading_close", shifted_heading)
    parser.disable("image")  # images would load from other origins; the CSP blocks them anyway
    return parser


def render(text: str) -> str:
    """Safe HTML for a message's Markdown source."""
    html = _parser().render(text or "")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
        attribute_filter=_absolute_links_only,
    )


def _absolute_links_only(tag: str, attribute: str, value: str) -> str | None:
    """Drop relative and protocol-relative links ("/path", "//host"): only http, https and
    mailto addresses stay."""
    if attribute == "href" and not value.lower().startswith(ABSOLUTE_PREFIXES):
        return None
    return value
