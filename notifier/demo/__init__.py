"""The offline demo: bundled snapshots of real funding sources, served on loopback."""
