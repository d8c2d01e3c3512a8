"""Pobratym: a platform for municipal solidarity partnerships between cities."""
