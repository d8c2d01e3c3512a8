"""Item lines added and removed in place (htmx) or, without JavaScript, by sending the form
with "more lines" or "remove" (`lines_shown_again`); the form itself is only ever saved
whole, by its main button."""

from ..models import LINES_MAX
from .needs import PREFIX, line_formset

MORE, REMOVE = "more_lines", "remove_line"


def lines_asked(posted) -> bool:
    """The form was sent to add or remove lines, not to be saved."""
    return MORE in posted or REMOVE in posted


def lines_posted(posted) -> bool:
    """The form was sent with its lines (a form may show none, having nothing to offer)."""
    return f"{PREFIX}-TOTAL_FORMS" in posted


def lines_shown_again(form_class, posted, **kwargs):
    """The lines shown again, unbound, with what was typed: more empty lines for "more lines",
    the first of them focused; every line but the one removed for "remove" (at least one line
    stays), the line after it focused, or "Add a line" when none follows (`focus_add`), and
    `removed` set for the status that says so."""
    if REMOVE not in posted:
        lines = line_formset(form_class, more_from=posted, **kwargs)
        _focus(lines, len(lines.initial_forms))
        return lines
    typed = line_formset(form_class, posted, **kwargs)
    removed = typed.add_prefix(posted.get(REMOVE))
    kept = [form for form in typed.forms if form.prefix != removed]
    initial = [{name: form[name].value() for name in form.fields} for form in kept]
    lines = line_formset(form_class, initial=initial, **kwargs)
    lines.extra = 0 if initial else 1
    if len(kept) < len(typed.forms):
        position = [form.prefix for form in typed.forms].index(removed)
        lines.removed = True
        _focus(lines, position)
    return lines


def _focus(lines, index: int) -> None:
    """Focus line `index`'s first field when the lines are shown (a page loaded, or htmx
    swapping them in, focuses an `autofocus` field); without that line, "Add a line"."""
    if index < len(lines.forms):
        first = next(iter(lines.forms[index].fields.values()))
        first.widget.attrs["autofocus"] = True
    else:
        lines.focus_add = True


def line_index(query) -> int | None:
    """The index of the line to add: the number of lines the form has now, sent as its
    management form's total; None when it is not a number or the form is full."""
    written = query.get(f"{PREFIX}-TOTAL_FORMS", "")
    if not (written.isascii() and written.isdigit()) or len(written) > 4:
        return None
    index = int(written)
    return index if index < LINES_MAX else None


def line_form(form_class, index: int, **kwargs):
    """The empty line `index` as the form's formset renders it, its first field focused."""
    lines = line_formset(form_class, **kwargs)
    form = lines.empty_form
    form.prefix = lines.add_prefix(index)
    first = next(iter(form.fields.values()))
    first.widget.attrs["autofocus"] = True
    return form
