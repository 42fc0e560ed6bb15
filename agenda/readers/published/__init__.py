"""Readers of the machine-readable schedules conferences publish: frab / pentabarf XML, its
JSON twin (c3voc schedule.json, pretalx exports) and Indico's timetable JSON.

They share one vocabulary (events.py: kinds, statuses, zones, duplicates), the frab day/room/
event model and its time rules (frab_events.py) and bounded JSON loading (json_text.py).
"""
