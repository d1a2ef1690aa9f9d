"""The project's documentation; docs.gen_commands writes the command reference (and the tests
import it to check that reference)."""
