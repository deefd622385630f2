"""The bakery's domain and data: tables, catalogue and order rules, the outbox.

Nothing here imports the UI, the REST routes or the worker; they all call in here.
"""
