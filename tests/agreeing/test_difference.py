"""What changed between two versions: difflib's changed lines, with a little unchanged text
around each change and a gap where more was left out."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tandem.agreeing import DiffLine, version_difference

TERMS = "\n".join(
    [
        "Reviewed every quarter.",
        "",
        "## How we communicate",
        "",
        "Slack for quick things.",
        "",
        "## Routines that help",
        "",
        "A weekly one-on-one.",
        "",
        "## Commitments",
        "",
        "- I send a Friday update",
    ]
)


def same(text: str) -> DiffLine:
    return DiffLine("same", text)


def test_it_finds_no_difference_between_identical_versions() -> None:
    assert version_difference(TERMS, TERMS) == []
    assert version_difference("", "") == []
    # A last line break is no change.
    assert version_difference(TERMS, TERMS + "\n") == []


def test_it_shows_a_changed_line_as_removed_then_added_with_two_lines_around_it() -> None:
    new = TERMS.replace("Slack for quick things.", "Slack for quick things, email for decisions.")

    assert version_difference(TERMS, new) == [
        same("## How we communicate"),
        same(""),
        DiffLine("removed", "Slack for quick things."),
        DiffLine("added", "Slack for quick things, email for decisions."),
        same(""),
        same("## Routines that help"),
    ]


def test_it_shows_lines_added_at_the_end_and_removed_from_the_start() -> None:
    added = version_difference(TERMS, TERMS + "\n- I say no early")
    removed = version_difference(TERMS, TERMS.removeprefix("Reviewed every quarter.\n"))

    assert added == [
        same(""),
        same("- I send a Friday update"),
        DiffLine("added", "- I say no early"),
    ]
    assert removed == [
        DiffLine("removed", "Reviewed every quarter."),
        same(""),
        same("## How we communicate"),
    ]


def test_it_leaves_a_gap_for_unchanged_text_between_two_distant_changes() -> None:
    new = TERMS.replace("Reviewed every quarter.", "Reviewed every month.").replace(
        "- I send a Friday update", "- I send a Monday update"
    )

    assert version_difference(TERMS, new) == [
        DiffLine("removed", "Reviewed every quarter."),
        DiffLine("added", "Reviewed every month."),
        same(""),
        same("## How we communicate"),
        DiffLine("gap", ""),
        same("## Commitments"),
        same(""),
        DiffLine("removed", "- I send a Friday update"),
        DiffLine("added", "- I send a Monday update"),
    ]


def test_it_keeps_removed_and_added_lines_that_look_like_difflibs_own_headers() -> None:
    old = "--- x\nkept\n@@ -1 +1 @@"
    new = "+++ y\nkept\n@@ -1 +1 @@\n--- z"

    assert version_difference(old, new) == [
        DiffLine("removed", "--- x"),
        DiffLine("added", "+++ y"),
        same("kept"),
        same("@@ -1 +1 @@"),
        DiffLine("added", "--- z"),
    ]
    assert version_difference("--- x", "") == [DiffLine("removed", "--- x")]


# Lines from a few choices, so that versions share some and repeat others, including lines
# that look like the markers of a unified diff.
LINES = st.lists(
    st.sampled_from(["", "## Routines", "- I say no early", "--- x", "+++ y", "@@ a", "same"])
    | st.text(alphabet="ab -+@", max_size=4),
    max_size=12,
)


def kept(difference: list[DiffLine], kind: str) -> list[str]:
    """The lines of one side, read back from a difference."""
    return [line.text for line in difference if line.kind in ("same", kind)]


@settings(max_examples=300, deadline=None)
@given(old=LINES, new=LINES)
def test_it_never_loses_a_line(old: list[str], new: list[str]) -> None:
    old_text, new_text = "\n".join(old), "\n".join(new)
    everything = max(len(old), len(new))

    whole = version_difference(old_text, new_text, context=everything)
    shown = version_difference(old_text, new_text)

    if old_text.splitlines() == new_text.splitlines():
        assert whole == shown == []
        return
    # With all of the context, each version reads back from the difference line for line.
    assert kept(whole, "removed") == old_text.splitlines()
    assert kept(whole, "added") == new_text.splitlines()
    # With less, every removed and added line is still there, in the same order.
    for kind in ("removed", "added"):
        assert [line for line in shown if line.kind == kind] == [
            line for line in whole if line.kind == kind
        ]
