"""``python -m lagebild``: the command line, as the ``lagebild`` script."""

from lagebild.cli import app

app(prog_name="lagebild")
