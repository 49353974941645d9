"""One module per endpoint group; each route parses a request, calls the library, returns a model."""
