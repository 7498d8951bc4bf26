"""Presentation: terminal (Rich), Markdown and JSON renderings.

Why: Rich is imported only here, so that commands that print JSON or nothing
never pay for it, and the library stays free of terminal concerns.
"""
