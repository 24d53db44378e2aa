"""The `fundwatch` commands, a file per group of related commands; notifier/cli.py wires them."""
