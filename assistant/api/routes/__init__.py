"""HTTP routes, one module per area; each is thin and calls library functions."""
