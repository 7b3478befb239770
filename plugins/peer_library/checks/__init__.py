"""The library to problems: every check that only reports, run by ``peer-library check`` and the build.

``registry`` lists the checks and runs them; ``language`` (recovery-oriented language) and
``content_notes`` are the writing checks.
"""
