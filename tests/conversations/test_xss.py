"""No text a person writes runs in another person's browser: a battery of payloads posted
through the pages, as a message and as a translation, then the thread page is parsed."""

import uuid
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from pobratym.conversations.markdown import render
from pobratym.conversations.models import Message
from tests.conversations.factories import thread_start

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    "<img src=x onerror=alert(1)//",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))",
    "[click](&#x6A;avascript:alert(1))",
    "[click](java\tscript:alert(1))",
    "[click]( javascript:alert(1) )",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](vbscript:msgbox(1))",
    "![x](javascript:alert(1))",
    '![x](https://example.org/x.png "onerror=alert(1)")',
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<iframe src="https://evil.example"></iframe>',
    '<p style="background:url(javascript:alert(1))">styled</p>',
    '<a href="javascript:alert(1)">raw link</a>',
    "<javascript:alert(1)>",
    '<https://example.org/"onmouseover="alert(1)>',
    "<!-- <script>alert(1)</script> -->",
    "> > > <script>alert(1)</script>\n> > [q](javascript:alert(1))",
    '[ok](https://example.org "title\\" onmouseover=\\"alert(1)")',
    "<details open ontoggle=alert(1)>",
    '<form action="javascript:alert(1)"><button>go</button></form>',
    '<object data="javascript:alert(1)"></object>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></math>",
    "[a](https://example.org)<b onclick=alert(1)>bold</b>",
    "```\n<script>alert(1)</script>\n```",
]
DANGEROUS_TAGS = {"script", "iframe", "object", "embed", "svg", "math", "style", "form", "img"}
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:")


VOID = {"br", "hr", "img", "input", "meta", "link", "source", "wbr"}


class Checker(HTMLParser):
    """Collects every element and attribute a browser would build from the page: no event
    handler, style or script address anywhere, and inside the messages only harmless tags."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self.depth = 0  # > 0 inside a rendered message
        self.bodies = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if name.startswith("on") or name == "style":
                self.problems.append(f"<{tag} {name}=…>")
            if name in ("href", "src", "action", "data", "formaction"):
                cleaned = "".join((value or "").split()).lower()
                if cleaned.startswith(DANGEROUS_SCHEMES):
                    self.problems.append(f"<{tag} {name}={value}>")
        if self.depth and tag in DANGEROUS_TAGS:
            self.problems.append(f"<{tag}> in a message")
        if tag == "script":
            self.problems.append("<script>")
        if self.depth and tag not in VOID:
            self.depth += 1
        elif "message-body" in (attributes.get("class") or "").split():
            self.depth, self.bodies = 1, self.bodies + 1

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if self.depth and tag not in VOID:
            self.depth -= 1

    def handle_endtag(self, tag):
        if self.depth and tag not in VOID:
            self.depth -= 1


def _problems(html: str, bodies: int = 1) -> list[str]:
    checker = Checker()
    checker.feed(html)
    assert checker.bodies >= bodies, "the check found no rendered message"
    return checker.problems


def test_the_page_without_payloads_passes_the_check(partnership, coordinator, client_of):
    thread = thread_start(partnership, coordinator, body="*harmless*")
    url = reverse("conversations:thread_detail", args=[partnership.slug, thread.pk])

    assert _problems(client_of(coordinator).get(url).content.decode()) == []


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_in_a_message_and_its_translation_runs_nowhere(
    payload, partnership, coordinator, other_side_coordinator, client_of
):
    thread = thread_start(partnership, coordinator, body="Hallo", language="de")
    url = reverse("conversations:thread_detail", args=[partnership.slug, thread.pk])
    author, reader = client_of(coordinator), client_of(other_side_coordinator)

    response = author.post(url, {"body": payload, "idempotency_key": str(uuid.uuid4())})
    assert response.status_code == 302
    message = Message.objects.get(thread=thread, body=payload.strip())
    if message.language == "uk":
        author.post(
            reverse("conversations:language_set", args=[partnership.slug, thread.pk, message.pk]),
            {"language": "de"},
        )
    translated = reader.post(
        reverse("conversations:translation_save", args=[partnership.slug, thread.pk, message.pk]),
        {"language": "uk", "revision": "0", "text": payload},
    )
    assert translated.status_code == 302
    assert message.translations.get().text == payload.strip()

    for client, language, bodies in ((author, "de", 1), (reader, "uk", 3), (reader, "en", 2)):
        page = client.get(f"/{language}/" + url.removeprefix("/en/")).content.decode()
        assert _problems(page, bodies=bodies) == [], language
        assert "<script" not in page.lower()


def test_the_check_finds_executable_markup():
    unsafe = (
        '<div class="message-body"><p>x</p><img src=x onerror=alert(1)>'
        '<a href=" JaVa Script:alert(1)">x</a><svg></svg></div><script></script>'
    )

    assert len(_problems(unsafe)) == 5


@pytest.mark.parametrize(
    "link", ["[a](//evil.example/x)", "[a](/de/accounts/logout/)", "[a](evil.example)"]
)
def test_relative_and_protocol_relative_links_lose_their_address(link):
    assert "href" not in render(link)


def test_absolute_links_stay():
    assert 'href="https://zt-rada.gov.ua"' in render("[Rada](https://zt-rada.gov.ua)")
