"""Readers of the machine-readable schedules conferences publish: iCalendar (calendar_file.py),
CSV tables (table_file.py), frab / pentabarf XML (frab_xml.py), its JSON twin (c3voc
schedule.json, pretalx exports: schedule_json.py) and Indico's timetable JSON (indico_json.py).

What their events say alike lives once: agenda's own summary and description conventions, kind
and break words, and duplicate entries merged across rooms (event_fields.py); frab's kinds,
cancelled marks, conference zones and persons (events.py); the frab day/room/event model and
its time rules (frab_events.py); bounded JSON loading (json_text.py).
"""
