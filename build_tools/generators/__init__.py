"""Adapters to the site generators: each hands its output to the core and holds no reader logic."""
