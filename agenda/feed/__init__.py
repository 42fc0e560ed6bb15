"""The hosted feed: a WSGI application (app.py) that serves selections of the schedule as
.ics, CSV and Markdown, with a page to build them (page.py), over a schedule that reloads when
its sources change (state.py). server.py runs it under waitress."""
