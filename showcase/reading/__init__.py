"""Reading a project from disk: its card, metrics, README and model card, loaded once."""
