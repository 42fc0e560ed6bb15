"""How a program item's line reads as its title: lines a page may hold and the title a reader
sees in each, grouped by the behaviour they show (each test id names its behaviour)."""

from __future__ import annotations

import pytest

from agenda.readers.program.items import read_item

BY_BEHAVIOUR: dict[str, list[tuple[str, str]]] = {
    "marks_around_a_title_are_not_part_of_it": [
        ("+ Event Kickoff +", "Event Kickoff"),
        ("Hacky Hour 🚀🖌️🧪", "Hacky Hour"),
        ("🎉 Party Time", "Party Time"),
        ("C++ in Practice", "C++ in Practice"),
        ("Ruby ❤ Rails", "Ruby ❤ Rails"),
    ],
    "an_activity_kind_before_a_colon_leaves_the_title_even_if_it_looks_like_a_name": [
        ("Activity: Movie Night", "Movie Night"),
        ("Workshop: Creating Pixel Art", "Creating Pixel Art"),
        ("Session: Hacky Hour", "Hacky Hour"),
        ("Session 3: Vision", "Session 3: Vision"),
    ],
    "a_numbered_bracket_label_before_a_title_is_not_part_of_it": [
        ("[Paper 12] Cooling Rooftops", "Cooling Rooftops"),
        ("[Bài 2] Đánh giá thực trạng", "Đánh giá thực trạng"),
        ("[WIP] Cooling Rooftops", "[WIP] Cooling Rooftops"),
    ],
    "a_meetup_before_a_colon_is_the_kind_of_what_follows": [
        ("Meetup: Developers and Users", "Developers and Users"),
    ],
    "who_chairs_a_session_and_a_details_link_are_not_its_title": [
        ("Session 1; Chair: Ann Lee", "Session 1"),
        ("Keynote, Moderator: Bo Chen", "Keynote"),
        ("Welcome reception with tapas (details)", "Welcome reception with tapas"),
        ("Chairs and Tables (Ann Lee)", "Chairs and Tables"),
    ],
    "a_kind_of_talk_in_another_language_before_a_colon_is_not_the_title": [
        ("Bài phát biểu chính 1 : AI trong sản xuất", "AI trong sản xuất"),
        ("Vortrag: Bienen und Honig", "Bienen und Honig"),
        ("Доклад: Умные города", "Умные города"),
    ],
    "a_length_in_parentheses_is_not_part_of_the_title": [
        ("Editing Sage's Sources (20 minutes)", "Editing Sage's Sources"),
        ("Lunch break (1hr)", "Lunch break"),
        ("Top 10 (2024)", "Top 10 (2024)"),
    ],
    "a_kind_and_speaker_label_is_not_a_title_with_speakers": [
        ("Invited speaker: Dr. Kleio Baxevani", "Invited speaker: Dr. Kleio Baxevani"),
    ],
    "a_title_wholly_in_brackets_is_read_without_them": [
        ("[WELCOME NOTES]", "WELCOME NOTES"),
        ("[Plenary] Seeing Time", "Seeing Time"),
    ],
}


@pytest.mark.parametrize(("line", "title"), [
    pytest.param(line, title, id=f"{behaviour}-{i}")
    for behaviour, rows in BY_BEHAVIOUR.items() for i, (line, title) in enumerate(rows)])
def test_an_item_line_reads_as_its_title(line: str, title: str) -> None:
    assert read_item(line).title == title
