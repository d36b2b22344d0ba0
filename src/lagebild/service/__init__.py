"""The service: a FastAPI app over a Lagebild database, its web page and watch rules."""
