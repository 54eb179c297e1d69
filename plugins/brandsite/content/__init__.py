"""Brand content: the model, reading brands/ with line numbers, the rules, prose cleaning.

Nothing here imports MkDocs: the checker, the CLI and any other site builder can use it.
"""
