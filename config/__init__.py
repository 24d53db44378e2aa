"""What people edit (YAML) and how it is read into typed models: loader.py reads, models.py types,
keywords.py is the keyword language of tags and subscriptions, errors.py the error it all raises.

Nothing is imported here, so `fundwatch --help` need not load pydantic and YAML."""
