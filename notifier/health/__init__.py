"""Source health: is each source working (judge.py, pure), what changed since curators were last
told (watch.py), and telling them (tell.py)."""
