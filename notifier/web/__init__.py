"""The browsable repository (`fundwatch serve`): Datasette over the repository file, with
fundwatch's plugin, pages, templates and styles."""
