"""The background worker: consumes order events, does the slow work, fans refreshes out."""
