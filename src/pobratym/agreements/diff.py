"""Word-level differences between two texts of an agreement, for showing what a version changed."""

import re
from difflib import SequenceMatcher

# Words, runs of white space (newlines included) and single signs: joined they give the text back.
TOKEN = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)


def _opcodes(old: list[str], new: list[str]):
    # autojunk would treat frequent tokens (spaces, "die", "та") as junk in long texts.
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    for tag, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if tag in ("equal", "delete", "replace"):
            kind = "equal" if tag == "equal" else "delete"
            yield kind, "".join(old[old_start:old_end])
        if tag in ("insert", "replace"):
            yield "insert", "".join(new[new_start:new_end])


def text_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Segments ("equal" | "delete" | "insert", text) turning `old` into `new`: the equal and
    deleted segments joined give `old`, the equal and inserted ones `new`. A space between two
    changes counts as changed, so "the quick" → "a slow" is one deletion and one insertion."""
    segments = [
        segment for segment in _opcodes(TOKEN.findall(old), TOKEN.findall(new)) if segment[1]
    ]
    result: list[tuple[str, str]] = []
    deleted, inserted = "", ""
    for index, (kind, text) in enumerate(segments):
        between_changes = (
            kind == "equal"
            and (deleted or inserted)
            and index + 1 < len(segments)
            and text.isspace()
            and "\n" not in text
        )
        if kind == "delete" or between_changes:
            deleted += text
        if kind == "insert" or between_changes:
            inserted += text
        if kind == "equal" and not between_changes:
            result += [("delete", deleted)] if deleted else []
            result += [("insert", inserted)] if inserted else []
            deleted, inserted = "", ""
            if result and result[-1][0] == "equal":
                result[-1] = ("equal", result[-1][1] + text)
            else:
                result.append(("equal", text))
    result += [("delete", deleted)] if deleted else []
    result += [("insert", inserted)] if inserted else []
    return result
