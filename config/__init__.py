"""What people edit (YAML) and how it is read into typed models."""

from config.loader import ConfigError, load_settings, load_sources, load_subscriptions, load_tags

__all__ = ["ConfigError", "load_settings", "load_sources", "load_subscriptions", "load_tags"]
