"""Open data out: the repository as CommonGrants-shaped JSON and CSV, an Atom feed of new and
changed calls, and an ICS calendar of closing dates (`fundwatch export`, and the server's feeds)."""
