"""Curator tools behind `fundwatch sources`: try a source, record its snapshot, check the config."""
