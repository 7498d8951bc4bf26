"""essrural: an ESS action plan for rural French communes.

Why: kept empty of imports so that `essrural --version` and every command
pay only for the modules they use.
"""

__version__ = "0.2.0"
