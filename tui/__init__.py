"""The two ways in: the Textual app and the `innsikt` command line. Imports nothing heavy."""
